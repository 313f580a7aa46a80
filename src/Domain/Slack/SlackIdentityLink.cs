using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>A CodeStream user known to be a Slack user (by OAuth or a matching e-mail); one per Slack user and team.</summary>
public sealed record SlackIdentityLink(SlackIdentity Identity, TeamId TeamId, UserId UserId, DateTimeOffset LinkedAt);
