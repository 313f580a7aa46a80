namespace CodeStream.Integrations.Application.Slack.Persistence;

/// <summary>The Slack message is recorded already (a reply, or a copy the bot posted): the unit of work that tried to record it again is rolled back.</summary>
public sealed class DuplicateSlackMessageException(Exception? cause = null) : Exception("This Slack message is recorded already.", cause);
