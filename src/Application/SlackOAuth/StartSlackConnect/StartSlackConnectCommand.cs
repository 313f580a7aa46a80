using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;

namespace CodeStream.Integrations.Application.SlackOAuth.StartSlackConnect;

/// <summary>A user asks to connect Slack: the answer is the Slack authorize URL to open in their browser.</summary>
public sealed record StartSlackConnectCommand(string? UserId, string? TeamId) : IRequest<SlackConnectLink>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["UserId"] = UserId, ["TeamId"] = TeamId };
}

public sealed record SlackConnectLink(string AuthorizeUrl);
