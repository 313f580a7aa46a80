using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack.SocketMode;

/// <summary>
/// <c>apps.connections.open</c>: an app-level token (<c>xapp-…</c>) gets a single-use WebSocket URL with a ticket.
/// A bot or user token is <c>not_allowed_token_type</c>, an unknown or revoked one <c>invalid_auth</c>, none <c>not_authed</c>.
/// </summary>
internal static class SocketModeMethods
{
    public static void Register(SlackMethodDispatcher dispatcher, FakeSocketModeServer sockets) =>
        dispatcher.Add("apps.connections.open", call => Open(call, sockets), needsToken: false);

    private static JsonObject Open(SlackCall call, FakeSocketModeServer sockets)
    {
        var token = call.Request.Token ?? throw new SlackApiException("not_authed");
        if (call.State.Tokens.ContainsKey(token))
        {
            throw new SlackApiException("not_allowed_token_type");
        }

        var appId = sockets.AppOf(token) ?? throw new SlackApiException("invalid_auth");
        return new JsonObject { ["url"] = sockets.IssueUrl(appId).ToString() };
    }
}
