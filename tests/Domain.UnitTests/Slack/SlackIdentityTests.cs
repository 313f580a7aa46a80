using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class SlackIdentityTests
{
    private static readonly SlackIdentity Identity = new(SlackTeamId.Parse("T012AB3C4"), SlackUserId.Parse("U045DE6F7"));

    [Fact]
    public void Value_WhenCreated_IsSlackTeamAndUser()
    {
        Assert.Equal("slack::T012AB3C4::U045DE6F7", Identity.Value);
        Assert.Equal(Identity.Value, Identity.ToString());
    }

    [Fact]
    public void Parse_WhenGivenValue_RoundTrips()
    {
        var parsed = SlackIdentity.Parse(Identity.Value);

        Assert.Equal(Identity, parsed);
        Assert.Equal("T012AB3C4", parsed.SlackTeamId.Value);
        Assert.Equal("U045DE6F7", parsed.SlackUserId.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("slack::T012AB3C4")]
    [InlineData("slack::T012AB3C4::U045DE6F7::extra")]
    [InlineData("slack:T012AB3C4:U045DE6F7")]
    [InlineData("SLACK::T012AB3C4::U045DE6F7")]
    [InlineData("teams::T012AB3C4::U045DE6F7")]
    [InlineData("slack::U045DE6F7::T012AB3C4")]
    [InlineData("slack::T012AB3C4::C045DE6F7")]
    [InlineData("slack::::U045DE6F7")]
    public void Parse_WhenNotASlackIdentity_Throws(string? value) =>
        Assert.Throws<DomainException>(() => SlackIdentity.Parse(value));

    [Fact]
    public void FauxExternalUserId_WhenGivenTeam_IsSlackTeamIdWorkspaceAndUser()
    {
        var teamId = TeamId.Parse("team_01");

        Assert.Equal("slack::team_01::T012AB3C4::U045DE6F7", Identity.FauxExternalUserId(teamId));
    }

    [Fact]
    public void FauxExternalUserId_WhenTeamsDiffer_Differs() =>
        Assert.NotEqual(
            Identity.FauxExternalUserId(TeamId.Parse("team_01")),
            Identity.FauxExternalUserId(TeamId.Parse("team_02")));
}
