using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class SlackBotInstallationTests
{
    private const string Token = "xoxb-123456789012-1234567890123-SECRETsecretSECRET";

    [Fact]
    public void ToString_WhenCalled_NeverContainsTheToken()
    {
        var installation = new SlackBotInstallation(
            TeamId.Parse("team_01"),
            SlackTeamId.Parse("T012AB3C4"),
            "Acme",
            SlackUserId.Parse("U045DE6F7"),
            "A0123ABCD",
            Token,
            "chat:write,channels:read",
            DateTimeOffset.UnixEpoch);

        var text = installation.ToString();

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, $"{installation}", StringComparison.Ordinal);
        Assert.Contains("team_01", text, StringComparison.Ordinal);
        Assert.Contains("T012AB3C4", text, StringComparison.Ordinal);
        Assert.Contains("U045DE6F7", text, StringComparison.Ordinal);
    }
}
