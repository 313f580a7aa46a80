using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Slack;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CodeStream.Integrations.Application.UnitTests.Common.Slack;

/// <summary>The bot's token: used as is, refreshed near expiry once under the lock, exchanged once rotation is on, and a refused refresh marks the workspace.</summary>
public sealed class SlackBotTokensTests
{
    private static readonly TeamId Team = TeamId.Parse("team_01");

    private readonly ISlackInstallationRepository _installations = Substitute.For<ISlackInstallationRepository>();
    private readonly ISlackGateway _slack = Substitute.For<ISlackGateway>();
    private readonly InProcessLock _locks = new();
    private readonly SlackExpiredTokens _expired = new();

    [Fact]
    public async Task Find_WhenTheTokenIsLongLivedAndRotationIsOff_ReturnsItWithoutLockingOrCallingSlack()
    {
        var bot = Stored(Bot());

        var found = await Tokens().FindAsync(Team, Given.SlackTeam, CancellationToken.None);

        Assert.Same(bot, found);
        Assert.Empty(_locks.Acquired);
        Assert.Empty(_slack.ReceivedCalls());
    }

    [Fact]
    public async Task Find_WhenTheTokenExpiresWithinTheMargin_RefreshesItOnceAndStoresTheResult()
    {
        var bot = Stored(Bot(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(2)));
        _installations.ReloadBotAsync(Team, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(bot);
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).Returns(new SlackRefreshedToken("xoxb-new", "xoxe-1-new", TimeSpan.FromHours(12)));

        var found = await Tokens().FindAsync(Team, Given.SlackTeam, CancellationToken.None);

        Assert.Equal(("xoxb-new", "xoxe-1-new", Given.Now.AddHours(12)), (found!.BotToken, found.RefreshToken, found.ExpiresAt));
        await _installations.Received(1).StoreRefreshedBotAsync(Arg.Is<SlackBotInstallation>(b => b.BotToken == "xoxb-new"), Arg.Any<CancellationToken>());
        Assert.Single(_locks.Acquired);
    }

    [Fact]
    public async Task Find_WhenAnotherHostRefreshedMeanwhile_UsesTheStoredResultWithoutRefreshingAgain()
    {
        Stored(Bot(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(2)));
        var refreshed = Bot("xoxb-theirs", "xoxe-1-theirs", Given.Now.AddHours(12));
        _installations.ReloadBotAsync(Team, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(refreshed);

        var found = await Tokens().FindAsync(Team, Given.SlackTeam, CancellationToken.None);

        Assert.Same(refreshed, found);
        await _slack.DidNotReceiveWithAnyArgs().RefreshTokenAsync(default!, default);
    }

    [Theory]
    [InlineData("invalid_refresh_token")]
    [InlineData("invalid_grant")]
    [InlineData("token_revoked")]
    public async Task Find_WhenSlackRefusesTheRefresh_MarksTheWorkspaceOnceAndThrowsNotConnected(string error)
    {
        var bot = Stored(Bot(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(2)));
        _installations.ReloadBotAsync(Team, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(bot);
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).ThrowsAsync(new SlackApiException("oauth.v2.access", error));

        var thrown = await Assert.ThrowsAsync<SlackNotConnectedException>(() => Tokens().FindAsync(Team, Given.SlackTeam, CancellationToken.None));

        Assert.Contains(error, thrown.Message, StringComparison.Ordinal);
        await _installations.Received(1).MarkBotNeedsReconnectAsync(Team, Given.SlackTeam, error, Arg.Any<CancellationToken>());
        await _installations.DidNotReceiveWithAnyArgs().StoreRefreshedBotAsync(default!, default);
    }

    [Fact]
    public async Task Find_WhenSlackCalledTheTokenExpiredBeforeItsTime_RefreshesItAtItsNextUse()
    {
        var bot = Stored(Bot(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddHours(6)));
        _installations.ReloadBotAsync(Team, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(bot);
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).Returns(new SlackRefreshedToken("xoxb-new", "xoxe-1-new", TimeSpan.FromHours(12)));
        _expired.Expired("xoxb-current");

        var found = await Tokens().FindAsync(Team, Given.SlackTeam, CancellationToken.None);

        Assert.Equal("xoxb-new", found!.BotToken);
        Assert.False(_expired.IsExpired("xoxb-current"));
    }

    [Fact]
    public async Task Find_WhenTheWorkspaceNeedsReconnecting_ThrowsWithoutAskingSlack()
    {
        Stored(Bot(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(-2)) with { ReconnectReason = "invalid_refresh_token" });

        await Assert.ThrowsAsync<SlackNotConnectedException>(() => Tokens().FindAsync(Team, Given.SlackTeam, CancellationToken.None));

        Assert.Empty(_slack.ReceivedCalls());
    }

    [Fact]
    public async Task Find_WhenRotationIsOnAndTheTokenIsLongLived_ExchangesItForARotatingOne()
    {
        var bot = Stored(Bot());
        _installations.ReloadBotAsync(Team, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(bot);
        _slack.ExchangeTokenAsync("xoxb-current", Arg.Any<CancellationToken>()).Returns(new SlackRefreshedToken("xoxe.xoxb-new", "xoxe-1-first", TimeSpan.FromHours(12)));

        var found = await Tokens(new SlackSettings { TokenRotation = true }).FindAsync(Team, Given.SlackTeam, CancellationToken.None);

        Assert.Equal(("xoxe.xoxb-new", "xoxe-1-first"), (found!.BotToken, found.RefreshToken));
        await _slack.DidNotReceiveWithAnyArgs().RefreshTokenAsync(default!, default);
    }

    private static SlackBotInstallation Bot(string token = "xoxb-current", string? refreshToken = null, DateTimeOffset? expiresAt = null) =>
        new(Team, Given.SlackTeam, "Acme", SlackUserId.Parse("U0BOT0009"), "A0CSAPP01", token, "chat:write", Given.Now.AddDays(-1),
            "https://acme.slack.com/", refreshToken, expiresAt);

    private SlackBotInstallation Stored(SlackBotInstallation bot)
    {
        _installations.FindBotAsync(Team, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(bot);
        return bot;
    }

    private SlackBotTokens Tokens(SlackSettings? settings = null) =>
        new(_installations, _slack, _locks, Detached.Over(new SlackTokenCommandHandlers(_installations)), settings ?? new SlackSettings(), _expired, Given.Clock());
}
