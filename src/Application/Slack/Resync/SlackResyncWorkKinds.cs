namespace CodeStream.Integrations.Application.Slack.Resync;

internal static class SlackResyncWorkKinds
{
    /// <summary>One resync run, read a page at a time (its key is the run id).</summary>
    public const string Run = "slack-resync";
}
