namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>Slack text as Markdown, with the Slack user ids it mentioned (<c>&lt;@U…&gt;</c>), each once, in order.</summary>
public sealed record SlackTextConversion(string Markdown, IReadOnlyList<string> MentionedSlackUserIds);
