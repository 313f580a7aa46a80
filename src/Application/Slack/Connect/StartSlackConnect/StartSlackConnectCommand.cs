using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Connect.StartSlackConnect;

/// <summary>
/// A user asks to connect Slack: the answer is a link to this host's consent start page, to open in their own browser
/// (it sets the browser cookie the callback checks, then sends the browser on to Slack).
/// </summary>
public sealed record StartSlackConnectCommand(string? UserId, string? TeamId) : IQuery<SlackConnectLink>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["UserId"] = UserId, ["TeamId"] = TeamId };
}

public sealed record SlackConnectLink(string AuthorizeUrl);
