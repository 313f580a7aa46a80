namespace CodeStream.Integrations.Application.Slack.Connect;

/// <summary>What the connecting person reads when the flow stops; none names the other side's account or a secret.</summary>
internal static class SlackConnectMessages
{
    public const string InvalidLink = "The Slack connection link is not valid (it was altered or not issued by this server). Start again from CodeStream.";
    public const string ExpiredLink = "The Slack connection link has expired. Start again from CodeStream.";
    public const string OtherBrowser =
        "This Slack connection was not started in this browser (or its cookie has expired). Start again from CodeStream, in the browser you use with Slack.";
    public const string AlreadyUsed = "This Slack connection link was already used. Start again from CodeStream.";
    public const string EmailMismatch =
        "The e-mail address of this Slack account is not the one of the CodeStream user who started the connection, so nothing was connected. Connect with your own Slack account.";
    public const string IdentityLinkedElsewhere = "This Slack account is already connected to another CodeStream user; nothing was changed.";
}
