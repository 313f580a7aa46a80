using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CodeStream.Integrations.Application.UnitTests.Common.Slack;

public sealed class SlackTokenServiceTests
{
    private static readonly UserId User = UserId.Parse("user_01");
    private static readonly TeamId Team = TeamId.Parse("team_01");

    private readonly ISlackInstallationRepository _installations = Substitute.For<ISlackInstallationRepository>();
    private readonly ISlackGateway _slack = Substitute.For<ISlackGateway>();
    private readonly SlackTokenService _service;

    public SlackTokenServiceTests() => _service = Service(new SlackSettings());

    public static TheoryData<string> RefusedRefreshErrors =>
        ["invalid_refresh_token", "invalid_grant", "invalid_auth", "token_revoked", "account_inactive", "token_expired", "not_authed"];

    public static TheoryData<string> RevokedTokenErrors => ["invalid_auth", "token_revoked", "account_inactive", "not_authed"];

    // ---- WithUserInstallationAsync ----

    [Fact]
    public async Task WithUserInstallation_ReadsTheInstallationOnce_AndHandsItToTheCall()
    {
        var installation = Install(Installation());

        var seen = await _service.WithUserInstallationAsync(User, Given.SlackTeam, given => Task.FromResult(given), CancellationToken.None);

        Assert.Same(installation, seen);
        await _installations.Received(1).FindUserAsync(User, Given.SlackTeam, Arg.Any<CancellationToken>());
    }

    // ---- GetUserInstallationAsync ----

    [Fact]
    public async Task GetUserInstallation_WhenNotInstalled_ThrowsSlackNotConnected()
    {
        var exception = await Assert.ThrowsAsync<SlackNotConnectedException>(() =>
            _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None));

        Assert.Equal(SlackNotConnectedException.For(User.Value, Given.SlackTeam.Value).Message, exception.Message);
        await _slack.DidNotReceiveWithAnyArgs().RefreshTokenAsync(default!, default);
    }

    [Fact]
    public async Task GetUserInstallation_WhenTokenDoesNotRotate_ReturnsItWithoutRefreshing()
    {
        var installation = Install(Installation());

        var result = await _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None);

        Assert.Same(installation, result);
        await AssertNotRefreshedAsync();
    }

    [Fact]
    public async Task GetUserInstallation_WhenRotatingTokenHasNoExpiry_DoesNotRefresh()
    {
        var installation = Install(Installation(refreshToken: "xoxe-1-old", expiresAt: null));

        Assert.Same(installation, await _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None));
        await AssertNotRefreshedAsync();
    }

    [Fact]
    public async Task GetUserInstallation_WhenExpiryBeyondTheMargin_DoesNotRefresh()
    {
        var installation = Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(5).AddSeconds(1)));

        Assert.Same(installation, await _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None));
        await AssertNotRefreshedAsync();
    }

    [Theory]
    [InlineData(300)]
    [InlineData(240)]
    [InlineData(1)]
    [InlineData(-3600)]
    public async Task GetUserInstallation_WhenWithinTheMargin_RefreshesAndStoresTheNewToken(int secondsToExpiry)
    {
        var installation = Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddSeconds(secondsToExpiry)));
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>())
            .Returns(new SlackRefreshedToken("xoxp-new", "xoxe-1-new", TimeSpan.FromHours(12)));

        var result = await _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None);

        var expected = installation with { AccessToken = "xoxp-new", RefreshToken = "xoxe-1-new", ExpiresAt = Given.Now.AddHours(12) };
        Assert.Equal(expected, result);
        await _slack.Received(1).RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>());
        await _installations.Received(1).UpsertUserAsync(expected, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetUserInstallation_WhenSlackReturnsNoNewRefreshToken_KeepsTheOldOne()
    {
        Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(2)));
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>())
            .Returns(new SlackRefreshedToken("xoxp-new", RefreshToken: null, TimeSpan.FromHours(12)));

        var result = await _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None);

        Assert.Equal("xoxp-new", result.AccessToken);
        Assert.Equal("xoxe-1-old", result.RefreshToken);
        Assert.Equal(Given.Now.AddHours(12), result.ExpiresAt);
        await _installations.Received(1).UpsertUserAsync(
            Arg.Is<SlackUserInstallation>(i => i.AccessToken == "xoxp-new" && i.RefreshToken == "xoxe-1-old" && i.ExpiresAt == Given.Now.AddHours(12)),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetUserInstallation_WhenRefreshed_KeepsTheInstallationsIdentity()
    {
        var installation = Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(2)));
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).Returns(new SlackRefreshedToken("xoxp-new", "xoxe-1-new", TimeSpan.FromHours(12)));

        var result = await _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None);

        Assert.Equal(installation.UserId, result.UserId);
        Assert.Equal(installation.TeamId, result.TeamId);
        Assert.Equal(installation.SlackTeamId, result.SlackTeamId);
        Assert.Equal(installation.SlackUserId, result.SlackUserId);
        Assert.Equal(installation.Scopes, result.Scopes);
        Assert.Equal(installation.InstalledAt, result.InstalledAt);
    }

    [Fact]
    public async Task GetUserInstallation_WhenMarginConfigured_UsesIt()
    {
        var service = Service(new SlackSettings { TokenRefreshMargin = TimeSpan.FromMinutes(30) });
        Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(20)));
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).Returns(new SlackRefreshedToken("xoxp-new", null, TimeSpan.FromHours(12)));

        var result = await service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None);

        Assert.Equal("xoxp-new", result.AccessToken);
    }

    [Theory]
    [MemberData(nameof(RefusedRefreshErrors))]
    public async Task GetUserInstallation_WhenSlackRefusesTheRefresh_RemovesTheTokenAndThrowsSlackNotConnected(string error)
    {
        Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(2)));
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).ThrowsAsync(new SlackApiException("oauth.v2.access", error));

        var exception = await Assert.ThrowsAsync<SlackNotConnectedException>(() =>
            _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None));

        Assert.Equal(SlackNotConnectedException.Revoked(Given.SlackTeam.Value).Message, exception.Message);
        await _installations.Received(1).RemoveUserTokenAsync(User, Given.SlackTeam, Arg.Any<CancellationToken>());
        await _installations.DidNotReceiveWithAnyArgs().UpsertUserAsync(default!, default);
    }

    [Theory]
    [InlineData(SlackApiException.Unavailable)]
    [InlineData("ratelimited")]
    [InlineData("internal_error")]
    public async Task GetUserInstallation_WhenRefreshFailsOtherwise_RethrowsAndKeepsTheToken(string error)
    {
        Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(2)));
        var failure = new SlackApiException("oauth.v2.access", error);
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).ThrowsAsync(failure);

        var thrown = await Assert.ThrowsAsync<SlackApiException>(() =>
            _service.GetUserInstallationAsync(User, Given.SlackTeam, CancellationToken.None));

        Assert.Same(failure, thrown);
        await _installations.DidNotReceiveWithAnyArgs().RemoveUserTokenAsync(default, default, default);
        await _installations.DidNotReceiveWithAnyArgs().UpsertUserAsync(default!, default);
    }

    // ---- WithUserTokenAsync ----

    [Fact]
    public async Task WithUserToken_WhenCallSucceeds_PassesTheTokenAndReturnsTheResult()
    {
        Install(Installation());
        var tokens = new List<string>();

        var result = await _service.WithUserTokenAsync(User, Given.SlackTeam, token =>
        {
            tokens.Add(token);
            return Task.FromResult(42);
        }, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(["xoxp-current"], tokens);
        await _installations.DidNotReceiveWithAnyArgs().RemoveUserTokenAsync(default, default, default);
    }

    [Fact]
    public async Task WithUserToken_WhenTheCallMeetsAnExpiredToken_RethrowsItAsTransientAndKeepsTheToken()
    {
        Install(Installation());

        var thrown = await Assert.ThrowsAsync<SlackApiException>(() => _service.WithUserTokenAsync<int>(
            User, Given.SlackTeam, _ => throw new SlackApiException("chat.postMessage", "token_expired"), CancellationToken.None));

        Assert.True(thrown.IsTransient); // the work item is tried again, and the token refreshed first
        await _installations.DidNotReceiveWithAnyArgs().RemoveUserTokenAsync(default, default, default);
    }

    [Fact]
    public async Task WithUserToken_WhenTokenNeedsRefresh_PassesTheRefreshedToken()
    {
        Install(Installation(refreshToken: "xoxe-1-old", expiresAt: Given.Now.AddMinutes(1)));
        _slack.RefreshTokenAsync("xoxe-1-old", Arg.Any<CancellationToken>()).Returns(new SlackRefreshedToken("xoxp-new", null, TimeSpan.FromHours(12)));

        var token = await _service.WithUserTokenAsync(User, Given.SlackTeam, t => Task.FromResult(t), CancellationToken.None);

        Assert.Equal("xoxp-new", token);
    }

    [Fact]
    public async Task WithUserToken_WhenNotInstalled_ThrowsSlackNotConnectedWithoutCalling()
    {
        var calls = 0;

        await Assert.ThrowsAsync<SlackNotConnectedException>(() =>
            _service.WithUserTokenAsync(User, Given.SlackTeam, _ => Task.FromResult(++calls), CancellationToken.None));

        Assert.Equal(0, calls);
    }

    [Theory]
    [MemberData(nameof(RevokedTokenErrors))]
    public async Task WithUserToken_WhenSlackSaysTheTokenIsRevoked_RemovesItAndThrowsSlackNotConnected(string error)
    {
        Install(Installation());

        var exception = await Assert.ThrowsAsync<SlackNotConnectedException>(() =>
            _service.WithUserTokenAsync<int>(
                User, Given.SlackTeam, _ => throw new SlackApiException("chat.postMessage", error), CancellationToken.None));

        Assert.Equal(SlackNotConnectedException.Revoked(Given.SlackTeam.Value).Message, exception.Message);
        await _installations.Received(1).RemoveUserTokenAsync(User, Given.SlackTeam, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task WithUserToken_WhenCallFaultsAsynchronouslyWithRevokedToken_RemovesIt()
    {
        Install(Installation());

        await Assert.ThrowsAsync<SlackNotConnectedException>(() =>
            _service.WithUserTokenAsync<int>(
                User,
                Given.SlackTeam,
                async _ =>
                {
                    await Task.Yield();
                    throw new SlackApiException("users.profile.set", "token_revoked");
                },
                CancellationToken.None));

        await _installations.Received(1).RemoveUserTokenAsync(User, Given.SlackTeam, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("missing_scope")]
    [InlineData("invalid_refresh_token")]
    [InlineData(SlackApiException.Unavailable)]
    public async Task WithUserToken_WhenOtherSlackError_RethrowsItUnchangedAndKeepsTheToken(string error)
    {
        Install(Installation());
        var failure = new SlackApiException("chat.postMessage", error, neededScope: "chat:write");

        var thrown = await Assert.ThrowsAsync<SlackApiException>(() =>
            _service.WithUserTokenAsync<int>(User, Given.SlackTeam, _ => throw failure, CancellationToken.None));

        Assert.Same(failure, thrown);
        await _installations.DidNotReceiveWithAnyArgs().RemoveUserTokenAsync(default, default, default);
    }

    [Fact]
    public async Task WithUserToken_WhenNonSlackError_RethrowsItAndKeepsTheToken()
    {
        Install(Installation());
        var failure = new TimeoutException();

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() =>
            _service.WithUserTokenAsync<int>(User, Given.SlackTeam, _ => throw failure, CancellationToken.None));

        Assert.Same(failure, thrown);
        await _installations.DidNotReceiveWithAnyArgs().RemoveUserTokenAsync(default, default, default);
    }

    private static SlackUserInstallation Installation(string? refreshToken = null, DateTimeOffset? expiresAt = null) => new(
        User,
        Team,
        Given.SlackTeam,
        SlackUserId.Parse("U045DE6F7"),
        "xoxp-current",
        SlackSettings.UserScopes,
        refreshToken,
        expiresAt,
        Given.Now.AddDays(-1));

    private SlackUserInstallation Install(SlackUserInstallation installation)
    {
        _installations.FindUserAsync(User, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(installation);
        return installation;
    }

    private async Task AssertNotRefreshedAsync()
    {
        await _slack.DidNotReceiveWithAnyArgs().RefreshTokenAsync(default!, default);
        await _installations.DidNotReceiveWithAnyArgs().UpsertUserAsync(default!, default);
        await _installations.DidNotReceiveWithAnyArgs().RemoveUserTokenAsync(default, default, default);
    }

    private SlackTokenService Service(SlackSettings settings) =>
        new(_installations, _slack, new InProcessLock(), HandlerMediator.Over(new SlackTokenCommandHandlers(_installations)), Detached.Over(new SlackTokenCommandHandlers(_installations)), settings, new SlackExpiredTokens(), Given.Clock());
}
