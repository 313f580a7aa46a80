using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Slack;

public sealed class SlackUserInstallationTests
{
    private const string AccessToken = "xoxp-ACCESSaccessACCESS";
    private const string RefreshToken = "xoxe-1-REFRESHrefreshREFRESH";

    private static readonly DateTimeOffset Now = new(2025, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    [Fact]
    public void ToString_WhenCalled_NeverContainsEitherToken()
    {
        var text = Installation(RefreshToken, Now.AddHours(1)).ToString();

        Assert.DoesNotContain(AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ACCESS", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("REFRESH", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("user_01", text, StringComparison.Ordinal);
        Assert.Contains("T012AB3C4", text, StringComparison.Ordinal);
        Assert.Contains("U045DE6F7", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NeedsRefresh_WhenExpiryIsBeyondTheMargin_ReturnsFalse() =>
        Assert.False(Installation(RefreshToken, Now + Margin + TimeSpan.FromSeconds(1)).NeedsRefresh(Now, Margin));

    [Fact]
    public void NeedsRefresh_WhenExpiryIsExactlyAtTheMargin_ReturnsTrue() =>
        Assert.True(Installation(RefreshToken, Now + Margin).NeedsRefresh(Now, Margin));

    [Fact]
    public void NeedsRefresh_WhenExpiryIsWithinTheMargin_ReturnsTrue() =>
        Assert.True(Installation(RefreshToken, Now.AddMinutes(1)).NeedsRefresh(Now, Margin));

    [Fact]
    public void NeedsRefresh_WhenAlreadyExpired_ReturnsTrue() =>
        Assert.True(Installation(RefreshToken, Now.AddHours(-1)).NeedsRefresh(Now, Margin));

    [Fact]
    public void NeedsRefresh_WhenNoRefreshToken_ReturnsFalse() =>
        Assert.False(Installation(refreshToken: null, Now.AddHours(-1)).NeedsRefresh(Now, Margin));

    [Fact]
    public void NeedsRefresh_WhenTokenNeverExpires_ReturnsFalse() =>
        Assert.False(Installation(RefreshToken, expiresAt: null).NeedsRefresh(Now, Margin));

    private static SlackUserInstallation Installation(string? refreshToken, DateTimeOffset? expiresAt) => new(
        UserId.Parse("user_01"),
        TeamId.Parse("team_01"),
        SlackTeamId.Parse("T012AB3C4"),
        SlackUserId.Parse("U045DE6F7"),
        AccessToken,
        "chat:write",
        refreshToken,
        expiresAt,
        Now.AddDays(-1));
}
