using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Slack;

/// <summary>
/// A Slack user in one workspace, written <c>slack::{slackTeamId}::{slackUserId}</c>: the key that links a
/// CodeStream user to the Slack account they connected.
/// </summary>
public readonly record struct SlackIdentity(SlackTeamId SlackTeamId, SlackUserId SlackUserId)
{
    private const string Scheme = "slack::";

    public string Value => $"{Scheme}{SlackTeamId.Value}::{SlackUserId.Value}";

    public static SlackIdentity Parse(string? value)
    {
        var parts = value?.Split("::");
        if (parts is not ["slack", var team, var user])
        {
            throw new DomainException($"'{value}' is not a Slack identity (expected slack::T…::U…).");
        }

        return new SlackIdentity(SlackTeamId.Parse(team), SlackUserId.Parse(user));
    }

    /// <summary>The external id of the faux (placeholder) user that stands for this Slack user in a CodeStream team.</summary>
    public string FauxExternalUserId(Core.Teams.TeamId teamId) => $"{Scheme}{teamId.Value}::{SlackTeamId.Value}::{SlackUserId.Value}";

    public override string ToString() => Value;
}
