namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>The Slack module's kinds of durable work (the work queue itself knows no module).</summary>
public static class SlackWorkKinds
{
    /// <summary>An Events API envelope from Slack (the inbox), keyed by <c>event_id</c>.</summary>
    public const string SlackEvent = "slack-event";

    /// <summary>A CodeStream change to mirror into Slack threads (the outbox).</summary>
    public const string SlackSync = "slack-sync";

    /// <summary>A reply submitted from the Slack modal whose author resolution finished after answering Slack.</summary>
    public const string SlackModalReply = "slack-modal-reply";
}
