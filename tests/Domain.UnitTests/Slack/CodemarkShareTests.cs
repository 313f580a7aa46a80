using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class CodemarkShareTests
{
    [Fact]
    public void Identifier_WhenShared_IsSlackWorkspaceChannelAndTs()
    {
        var share = new CodemarkShare(
            CodemarkId.Parse("cm_01"),
            TeamId.Parse("team_01"),
            SlackTeamId.Parse("T012AB3C4"),
            "Acme",
            SlackChannelId.Parse("C012AB3C4"),
            "general",
            SlackTs.Parse("1763889000.000100"),
            "https://acme.slack.com/archives/C012AB3C4/p1763889000000100",
            DateTimeOffset.UnixEpoch,
            UserId.Parse("user_01"),
            DeletedInSlackAt: null);

        Assert.Equal("slack::T012AB3C4::C012AB3C4::1763889000.000100", share.Identifier);
        Assert.Equal("slack*com", share.ProviderId);
    }

    [Fact]
    public void ShareIdentifier_WhenGivenParts_MatchesIdentifierFormat() =>
        Assert.Equal(
            "slack::E0123ABCD::G012AB3C4::1.2",
            CodemarkShare.ShareIdentifier(SlackTeamId.Parse("E0123ABCD"), SlackChannelId.Parse("G012AB3C4"), SlackTs.Parse("1.2")));
}
