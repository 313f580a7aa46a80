using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Connect;
using CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CodeStream.Integrations.Application.UnitTests.SlackOAuth.CompleteSlackOAuth;

public sealed class CompleteSlackOAuthHandlerTests : IDisposable
{
    private const string SealedState = "sealed-state";
    private const string Nonce = "browser-nonce-from-the-cookie";
    private const string Code = "4242.code.secret";
    private const string RedirectUri = "https://codestream.example.com/no-auth/provider-token/slack";
    private const string SlackTeam = "T012AB3C4";
    private const string SlackUser = "U045DE6F7";
    private const string BotUser = "U0BOT0001";

    private static readonly SlackSettings Settings = new()
    {
        ClientId = "1234.5678",
        OAuthConfigured = true,
        RedirectUri = new Uri(RedirectUri),
    };

    private readonly IOAuthStateProtector _protector = Substitute.For<IOAuthStateProtector>();
    private readonly ISlackOAuthStateLedger _ledger = Substitute.For<ISlackOAuthStateLedger>();
    private readonly ISlackGateway _slack = Substitute.For<ISlackGateway>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISlackInstallationRepository _installations = Substitute.For<ISlackInstallationRepository>();
    private readonly ISlackIdentityRepository _identities = Substitute.For<ISlackIdentityRepository>();
    private readonly IUserMergeRepository _merges = Substitute.For<IUserMergeRepository>();
    private readonly FakeTimeProvider _clock = Given.Clock();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<string> _events = [];
    private readonly Team _team = Given.NewTeam();
    private readonly User _user;
    private readonly OAuthState _state;

    public CompleteSlackOAuthHandlerTests()
    {
        _user = Given.RegisteredUser(_team.Id);
        _state = new OAuthState(_user.Id.Value, _team.Id.Value, Given.Now.AddMinutes(10), BrowserNonce.Hash(Nonce));
        _protector.Unprotect(SealedState).Returns(_state);
        _users.GetAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _slack.ExchangeOAuthCodeAsync(Code, RedirectUri, Arg.Any<CancellationToken>())
            .Returns(Grant())
            .AndDoes(_ => _events.Add("exchange"));
        _slack.GetUserInfoAsync("xoxp-user-token", SlackUser, Arg.Any<CancellationToken>())
            .Returns(Profile("ADA@example.com"))
            .AndDoes(_ => _events.Add("users.info"));
        _ledger.TryConsumeAsync(_state.BrowserNonceHash, _state.ExpiresAt, Arg.Any<CancellationToken>())
            .Returns(true)
            .AndDoes(_ => _events.Add("consume"));
        _identities.LinkOrRefreshAsync(Arg.Any<SlackIdentityLink>(), Arg.Any<CancellationToken>())
            .Returns(true)
            .AndDoes(_ => _events.Add("link"));

        _installations.When(i => i.UpsertBotAsync(Arg.Any<SlackBotInstallation>(), Arg.Any<CancellationToken>())).Do(_ => _events.Add("bot"));
        _installations.When(i => i.UpsertUserAsync(Arg.Any<SlackUserInstallation>(), Arg.Any<CancellationToken>())).Do(_ => _events.Add("user"));
        _merges.When(m => m.MergeAsync(Arg.Any<UserId>(), Arg.Any<UserId>(), Arg.Any<CancellationToken>())).Do(_ => _events.Add("merge"));
    }

    public void Dispose() => _cancellation.Dispose();

    // ---- Connected ----

    [Fact]
    public async Task Handle_WhenValid_ConnectsAndReportsTheWorkspace()
    {
        var result = await Handler().Handle(Command(), _cancellation.Token);

        Assert.Equal(SlackConnectionOutcome.Connected, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.Equal(SlackTeam, result.SlackTeamId);
        Assert.Equal("Acme Slack", result.SlackTeamName);
        Assert.Equal("Slack account @ada in Acme Slack is now connected to CodeStream user Ada Lovelace (ada@example.com).", result.Message);
        Assert.Equal("ada", result.SlackUserName);
        Assert.Equal("Ada Lovelace (ada@example.com)", result.CodeStreamUser);
    }

    [Fact]
    public async Task Handle_WhenWorkspaceNameMissing_NamesTheWorkspaceById()
    {
        _slack.ExchangeOAuthCodeAsync(Code, RedirectUri, Arg.Any<CancellationToken>()).Returns(Grant() with { SlackTeamName = null });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal(SlackConnectionOutcome.Connected, result.Outcome);
        Assert.Null(result.SlackTeamName);
        Assert.Contains($"in {SlackTeam} is now connected", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenValid_ExchangesTheCodeWithTheConfiguredRedirectUri()
    {
        await Handler().Handle(Command(), _cancellation.Token);

        await _slack.Received(1).ExchangeOAuthCodeAsync(Code, RedirectUri, _cancellation.Token);
    }

    [Fact]
    public async Task Handle_WhenValid_StoresTheBotInstallation()
    {
        await Handler().Handle(Command(), _cancellation.Token);

        await _installations.Received(1).UpsertBotAsync(
            Arg.Is<SlackBotInstallation>(b => b.TeamId == _team.Id && b.SlackTeamId.Value == SlackTeam && b.SlackTeamName == "Acme Slack"
                && b.BotUserId.Value == BotUser && b.AppId == "A0APP0001" && b.BotToken == "xoxb-bot-token"
                && b.Scopes == SlackSettings.BotScopes && b.InstalledAt == Given.Now),
            _cancellation.Token);
    }

    [Fact]
    public async Task Handle_WhenTokenDoesNotRotate_StoresTheUserTokenWithoutExpiry()
    {
        await Handler().Handle(Command(), _cancellation.Token);

        await _installations.Received(1).UpsertUserAsync(
            Arg.Is<SlackUserInstallation>(u => u.UserId == _user.Id && u.TeamId == _team.Id && u.SlackTeamId.Value == SlackTeam
                && u.SlackUserId.Value == SlackUser && u.AccessToken == "xoxp-user-token" && u.Scopes == SlackSettings.UserScopes
                && u.RefreshToken == null && u.ExpiresAt == null && u.InstalledAt == Given.Now),
            _cancellation.Token);
    }

    [Fact]
    public async Task Handle_WhenTokenRotates_StoresRefreshTokenAndExpiry()
    {
        _slack.ExchangeOAuthCodeAsync(Code, RedirectUri, Arg.Any<CancellationToken>())
            .Returns(Grant() with { UserRefreshToken = "xoxe-1-refresh", UserTokenLifetime = TimeSpan.FromHours(12) });

        await Handler().Handle(Command(), CancellationToken.None);

        await _installations.Received(1).UpsertUserAsync(
            Arg.Is<SlackUserInstallation>(u => u.AccessToken == "xoxp-user-token" && u.RefreshToken == "xoxe-1-refresh"
                && u.ExpiresAt == Given.Now.AddHours(12)),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenValid_LinksTheSlackIdentityToTheUser()
    {
        await Handler().Handle(Command(), _cancellation.Token);

        await _identities.Received(1).LinkOrRefreshAsync(
            Arg.Is<SlackIdentityLink>(l => l.Identity.Value == $"slack::{SlackTeam}::{SlackUser}" && l.TeamId == _team.Id
                && l.UserId == _user.Id && l.LinkedAt == Given.Now),
            _cancellation.Token);
        await _identities.DidNotReceiveWithAnyArgs().TryLinkAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAFauxUserStoodInForThisSlackUser_MergesItIntoTheUser()
    {
        var faux = Given.FauxUser(_team.Id);
        _users.FindByExternalIdAsync(_team.Id, $"slack::{_team.Id.Value}::{SlackTeam}::{SlackUser}", Arg.Any<CancellationToken>())
            .Returns(faux);

        var result = await Handler().Handle(Command(), _cancellation.Token);

        Assert.Equal(SlackConnectionOutcome.Connected, result.Outcome);
        await _merges.Received(1).MergeAsync(faux.Id, _user.Id, _cancellation.Token);
        Assert.Equal(["consume", "exchange", "users.info", "link", "bot", "user", "merge"], _events);
    }

    [Fact]
    public async Task Handle_WhenNoFauxUserStoodInForThisSlackUser_MergesNothing()
    {
        await Handler().Handle(Command(), _cancellation.Token);

        await _users.Received(1).FindByExternalIdAsync(
            _team.Id, $"slack::{_team.Id.Value}::{SlackTeam}::{SlackUser}", _cancellation.Token);
        await _merges.DidNotReceiveWithAnyArgs().MergeAsync(default, default, default);
    }

    [Fact]
    public async Task Handle_WhenValid_CallsSlackBeforeRecordingTheConnectionInOneCommand()
    {
        var sent = new List<object>();
        var mediator = Substitute.For<IMediator>();
        mediator.Send(Arg.Do<ConsumeOAuthStateCommand>(sent.Add), Arg.Any<CancellationToken>()).Returns(true);
        mediator.Send(Arg.Do<RecordSlackConnectionCommand>(c => { sent.Add(c); _events.Add("record"); }), Arg.Any<CancellationToken>()).Returns(true);

        await Handler(mediator: mediator).Handle(Command(), _cancellation.Token);

        Assert.Equal(["exchange", "users.info", "record"], _events);
        Assert.IsType<ConsumeOAuthStateCommand>(sent[0]);
        var record = Assert.IsType<RecordSlackConnectionCommand>(sent[1]);
        Assert.True(record.MergeFauxUser);
        Assert.Equal(_user.Id, record.Link.UserId);
        Assert.Empty(_installations.ReceivedCalls()); // every write went into the command
    }

    [Fact]
    public async Task Handle_WhenAWriteFails_Rethrows()
    {
        // The command's unit of work (the pipeline's) rolls back; the flow passes the failure on.
        var failure = new InvalidOperationException("database down");
        _installations.UpsertUserAsync(Arg.Any<SlackUserInstallation>(), Arg.Any<CancellationToken>()).ThrowsAsync(failure);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Handler().Handle(Command(), CancellationToken.None));

        Assert.Same(failure, thrown);
    }

    // ---- Unavailable ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Handle_WhenSlackDisabled_ReturnsUnavailable(bool oauthConfigured)
    {
        var result = await Handler(Settings with { Disabled = true, OAuthConfigured = oauthConfigured }).Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.Unavailable);
        Assert.Equal("Slack integration is disabled.", result.Message);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenOAuthNotConfigured_ReturnsUnavailable()
    {
        var result = await Handler(Settings with { OAuthConfigured = false }).Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.Unavailable);
        Assert.Equal("Slack OAuth is not configured on this server.", result.Message);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    // ---- InvalidState / ExpiredState ----

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Handle_WhenStateMissing_ReturnsInvalidStateWithoutUnprotecting(string? state)
    {
        var result = await Handler().Handle(new CompleteSlackOAuthCommand(Code, state, null, Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.InvalidState);
        _protector.DidNotReceiveWithAnyArgs().Unprotect(default!);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenStateTamperedWith_ReturnsInvalidState()
    {
        _protector.Unprotect("forged").Returns((OAuthState?)null);

        var result = await Handler().Handle(new CompleteSlackOAuthCommand(Code, "forged", null, Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.InvalidState);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("bogus", null)]
    [InlineData("", null)]
    [InlineData("team_01", null)]
    [InlineData(null, "bogus")]
    [InlineData(null, "")]
    [InlineData(null, "user_01")]
    public async Task Handle_WhenStateIdsUnparseable_ReturnsInvalidState(string? userId, string? teamId)
    {
        _protector.Unprotect(SealedState).Returns(_state with { UserId = userId ?? _state.UserId, TeamId = teamId ?? _state.TeamId });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.InvalidState);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenClockPastExpiry_ReturnsExpiredState()
    {
        _clock.SetUtcNow(_state.ExpiresAt.AddTicks(1));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExpiredState);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenExpiredAndSlackSentAnError_StillReportsExpiredState()
    {
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await Handler().Handle(new CompleteSlackOAuthCommand(null, SealedState, "access_denied", Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExpiredState);
        await AssertNothingStoredAsync();
    }

    // ---- Slack's error parameter ----

    [Fact]
    public async Task Handle_WhenUserDeniedAccess_ReturnsCancelled()
    {
        var result = await Handler().Handle(new CompleteSlackOAuthCommand(null, SealedState, "access_denied", Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.Cancelled);
        Assert.Equal("Slack connection was cancelled.", result.Message);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenSlackSentAnotherError_ReturnsExchangeFailedNamingIt()
    {
        var result = await Handler().Handle(new CompleteSlackOAuthCommand(Code, SealedState, "invalid_scope", Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExchangeFailed);
        Assert.Contains("(invalid_scope)", result.Message, StringComparison.Ordinal);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("bad error")]
    [InlineData("x\"onmouseover=\"alert(1)")]
    public async Task Handle_WhenSlackErrorIsNotAnErrorCode_DoesNotEchoIt(string error)
    {
        var result = await Handler().Handle(new CompleteSlackOAuthCommand(Code, SealedState, error, Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExchangeFailed);
        Assert.DoesNotContain(error, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('<', result.Message);
        Assert.DoesNotContain('"', result.Message);
        Assert.Contains("(unexpected error)", result.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenSlackErrorTooLong_DoesNotEchoIt()
    {
        var error = new string('a', 65);

        var result = await Handler().Handle(new CompleteSlackOAuthCommand(Code, SealedState, error, Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExchangeFailed);
        Assert.DoesNotContain(error, result.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    // ---- InvalidRequest ----

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Handle_WhenCodeMissing_ReturnsInvalidRequest(string? code)
    {
        var result = await Handler().Handle(new CompleteSlackOAuthCommand(code, SealedState, null, Nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.InvalidRequest);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    // ---- The user of the state ----

    [Fact]
    public async Task Handle_WhenUserNoLongerExists_ReturnsInvalidState()
    {
        _users.GetAsync(_user.Id, Arg.Any<CancellationToken>()).Returns((User?)null);

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.InvalidState);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenUserNowInAnotherTeam_ReturnsInvalidState()
    {
        _users.GetAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user with { TeamId = TeamId.Parse("team_other") });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.InvalidState);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenUserIsFaux_ReturnsInvalidState()
    {
        var faux = Given.FauxUser(_team.Id);
        _users.GetAsync(faux.Id, Arg.Any<CancellationToken>()).Returns(faux);
        _protector.Unprotect(SealedState).Returns(_state with { UserId = faux.Id.Value });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.InvalidState);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    // ---- The exchange ----

    [Fact]
    public async Task Handle_WhenSlackRefusesTheCode_ReturnsExchangeFailedWithSlacksCode()
    {
        _slack.ExchangeOAuthCodeAsync(Code, RedirectUri, Arg.Any<CancellationToken>())
            .ThrowsAsync(new SlackApiException("oauth.v2.access", "invalid_code"));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExchangeFailed);
        Assert.Contains("invalid_code", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, result.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("acme", SlackUser, BotUser)]
    [InlineData("", SlackUser, BotUser)]
    [InlineData(SlackTeam, "user_01", BotUser)]
    [InlineData(SlackTeam, "T045DE6F7", BotUser)]
    [InlineData(SlackTeam, SlackUser, "")]
    [InlineData(SlackTeam, SlackUser, "bot")]
    public async Task Handle_WhenGrantCarriesNonSlackIds_ReturnsExchangeFailed(string slackTeamId, string slackUserId, string botUserId)
    {
        _slack.ExchangeOAuthCodeAsync(Code, RedirectUri, Arg.Any<CancellationToken>())
            .Returns(Grant() with { SlackTeamId = slackTeamId, SlackUserId = slackUserId, BotUserId = botUserId });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExchangeFailed);
        Assert.Null(result.SlackTeamId);
        await AssertNothingStoredAsync();
    }

    // ---- The browser, the single use, the person ----

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("another-browsers-nonce")]
    public async Task Handle_WhenTheBrowserHasNotTheStartCookie_ReturnsOtherBrowserBeforeConsumingOrCallingSlack(string? nonce)
    {
        var result = await Handler().Handle(Command(nonce), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.OtherBrowser);
        Assert.Empty(_ledger.ReceivedCalls());
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenTheStateWasConsumedBefore_ReturnsStateAlreadyUsedWithoutCallingSlack()
    {
        _ledger.TryConsumeAsync(_state.BrowserNonceHash, _state.ExpiresAt, Arg.Any<CancellationToken>()).Returns(false);

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.StateAlreadyUsed);
        await AssertSlackNotCalledAsync();
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("grace@example.com")]
    [InlineData(null)]
    public async Task Handle_WhenTheSlackEmailIsNotTheUsers_ReturnsEmailMismatchAndStoresNothing(string? slackEmail)
    {
        _slack.GetUserInfoAsync("xoxp-user-token", SlackUser, Arg.Any<CancellationToken>()).Returns(Profile(slackEmail, "grace"));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.EmailMismatch);
        Assert.DoesNotContain("ada@example.com", result.Message, StringComparison.OrdinalIgnoreCase);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenMismatchIsAllowed_ConnectsButNeverMergesTheFauxUser()
    {
        _slack.GetUserInfoAsync("xoxp-user-token", SlackUser, Arg.Any<CancellationToken>()).Returns(Profile("grace@example.com", "grace"));
        _users.FindByExternalIdAsync(Arg.Any<TeamId>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Given.FauxUser(_team.Id));

        var result = await Handler(Settings with { AllowEmailMismatch = true }).Handle(Command(), CancellationToken.None);

        Assert.Equal(SlackConnectionOutcome.Connected, result.Outcome);
        await _merges.DidNotReceiveWithAnyArgs().MergeAsync(default, default, default);
        Assert.Equal(["consume", "exchange", "users.info", "link", "bot", "user"], _events);
    }

    [Fact]
    public async Task Handle_WhenTheSlackIdentityIsLinkedToAnotherUser_ReturnsIdentityLinkedElsewhereAndStoresNothing()
    {
        var other = Given.RegisteredUser(_team.Id, "bob@example.com", "bob");
        _identities.FindAsync(_team.Id, Arg.Any<SlackIdentity>(), Arg.Any<CancellationToken>())
            .Returns(ci => new SlackIdentityLink(ci.Arg<SlackIdentity>(), _team.Id, other.Id, Given.Now.AddDays(-1)));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.IdentityLinkedElsewhere);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Handle_WhenAnotherUserTakesTheIdentityDuringTheConnect_StoresNoTokenAndReturnsIdentityLinkedElsewhere()
    {
        _identities.LinkOrRefreshAsync(Arg.Any<SlackIdentityLink>(), Arg.Any<CancellationToken>()).Returns(false);

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.IdentityLinkedElsewhere);
        Assert.Empty(_installations.ReceivedCalls());
        await _merges.DidNotReceiveWithAnyArgs().MergeAsync(default, default, default);
    }

    [Fact]
    public async Task Handle_WhenSlackWillNotTellTheAccount_ReturnsExchangeFailedAndStoresNothing()
    {
        _slack.GetUserInfoAsync("xoxp-user-token", SlackUser, Arg.Any<CancellationToken>())
            .ThrowsAsync(new SlackApiException("users.info", "missing_scope"));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        AssertFailed(result, SlackConnectionOutcome.ExchangeFailed);
        Assert.Contains("missing_scope", result.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    private static SlackOAuthGrant Grant() => new(
        SlackTeam,
        "Acme Slack",
        "A0APP0001",
        BotUser,
        "xoxb-bot-token",
        SlackSettings.BotScopes,
        SlackUser,
        "xoxp-user-token",
        SlackSettings.UserScopes,
        UserRefreshToken: null,
        UserTokenLifetime: null);

    private static CompleteSlackOAuthCommand Command(string? nonce = Nonce) => new(Code, SealedState, null, nonce);

    private static SlackUserProfile Profile(string? email, string name = "ada") =>
        new(SlackUser, SlackTeam, name, "Ada Lovelace", null, email, "Europe/London", IsBot: false, Deleted: false);

    private static void AssertFailed(SlackConnectionResult result, SlackConnectionOutcome outcome)
    {
        Assert.Equal(outcome, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    private CompleteSlackOAuthHandler Handler(SlackSettings? settings = null, IMediator? mediator = null) =>
        new(
            settings ?? Settings,
            _protector,
            _slack,
            _users,
            _identities,
            mediator ?? HandlerMediator.Over(
                new ConsumeOAuthStateHandler(_ledger), new RecordSlackConnectionHandler(_identities, _installations, _users, _merges)),
            new CodeStream.Integrations.Application.Slack.Identity.SlackPeopleCache(_clock),
            _clock);

    private async Task AssertSlackNotCalledAsync() =>
        await _slack.Received(0).ExchangeOAuthCodeAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>());

    private async Task AssertNothingStoredAsync()
    {
        await _installations.Received(0).UpsertBotAsync(Arg.Any<SlackBotInstallation>(), Arg.Any<CancellationToken>());
        await _installations.Received(0).UpsertUserAsync(Arg.Any<SlackUserInstallation>(), Arg.Any<CancellationToken>());
        await _identities.Received(0).LinkOrRefreshAsync(Arg.Any<SlackIdentityLink>(), Arg.Any<CancellationToken>());
        await _identities.Received(0).TryLinkAsync(Arg.Any<SlackIdentityLink>(), Arg.Any<CancellationToken>());
        await _merges.Received(0).MergeAsync(Arg.Any<UserId>(), Arg.Any<UserId>(), Arg.Any<CancellationToken>());
        Assert.Empty(_installations.ReceivedCalls());
        Assert.All(_identities.ReceivedCalls(), call => Assert.Equal(nameof(ISlackIdentityRepository.FindAsync), call.GetMethodInfo().Name));
        Assert.Empty(_merges.ReceivedCalls());
    }
}
