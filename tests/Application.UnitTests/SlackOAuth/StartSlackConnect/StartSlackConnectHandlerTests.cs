using System.Web;
using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.Slack;
using CodeStream.Integrations.Application.SlackOAuth.StartSlackConnect;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Teams;
using CodeStream.Integrations.Domain.Users;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.SlackOAuth.StartSlackConnect;

public sealed class StartSlackConnectHandlerTests
{
    // Characters that must be escaped in a query value, as a real data-protection payload may contain them.
    private const string ProtectedState = "CfDJ8+sealed/state==";

    private static readonly SlackSettings Settings = new()
    {
        ClientId = "1234.5678",
        OAuthConfigured = true,
        OAuthAuthorizeUrl = new Uri("https://slack.example.com/oauth/v2/authorize"),
        RedirectUri = new Uri("https://codestream.example.com/no-auth/provider-token/slack"),
    };

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IOAuthStateProtector _protector = Substitute.For<IOAuthStateProtector>();
    private readonly List<OAuthState> _protectedStates = [];
    private readonly Team _team = Given.NewTeam();
    private readonly User _user;

    public StartSlackConnectHandlerTests()
    {
        _user = Given.RegisteredUser(_team.Id);
        _users.GetAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _protector.Protect(Arg.Do<OAuthState>(_protectedStates.Add)).Returns(ProtectedState);
    }

    [Fact]
    public async Task Handle_WhenValid_ReturnsAuthorizeUrlWithEveryOAuthParameter()
    {
        var link = await Handler().Handle(Command(), CancellationToken.None);

        Assert.StartsWith($"{Settings.OAuthAuthorizeUrl}?", link.AuthorizeUrl, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(new Uri(link.AuthorizeUrl).Query);
        Assert.Equal(
            ["client_id", "redirect_uri", "scope", "state", "user_scope"],
            query.AllKeys.Order(StringComparer.Ordinal));
        Assert.Equal("1234.5678", query["client_id"]);
        Assert.Equal(SlackSettings.BotScopes, query["scope"]);
        Assert.Equal(SlackSettings.UserScopes, query["user_scope"]);
        Assert.Equal("https://codestream.example.com/no-auth/provider-token/slack", query["redirect_uri"]);
        Assert.Equal(ProtectedState, query["state"]);
    }

    [Fact]
    public async Task Handle_WhenValid_EscapesTheQueryValues()
    {
        var link = await Handler().Handle(Command(), CancellationToken.None);

        var query = new Uri(link.AuthorizeUrl).Query;
        Assert.Contains("state=CfDJ8%2Bsealed%2Fstate%3D%3D", query, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=https%3A%2F%2Fcodestream.example.com%2F", query, StringComparison.Ordinal);
        Assert.DoesNotContain(',', query);
    }

    [Fact]
    public async Task Handle_WhenValid_ProtectsStateCarryingUserTeamAndExpiry()
    {
        await Handler().Handle(Command(), CancellationToken.None);

        var state = Assert.Single(_protectedStates);
        Assert.Equal(_user.Id.Value, state.UserId);
        Assert.Equal(_team.Id.Value, state.TeamId);
        Assert.Equal(Given.Now.AddMinutes(10), state.ExpiresAt);
        Assert.Matches("^[0-9A-F]{32}$", state.Nonce);
    }

    [Fact]
    public async Task Handle_WhenStateLifetimeConfigured_UsesIt()
    {
        await Handler(Settings with { OAuthStateLifetime = TimeSpan.FromMinutes(3) }).Handle(Command(), CancellationToken.None);

        Assert.Equal(Given.Now.AddMinutes(3), Assert.Single(_protectedStates).ExpiresAt);
    }

    [Fact]
    public async Task Handle_WhenCalledTwice_UsesAFreshNonceEachTime()
    {
        var handler = Handler();

        await handler.Handle(Command(), CancellationToken.None);
        await handler.Handle(Command(), CancellationToken.None);

        Assert.Equal(2, _protectedStates.Count);
        Assert.NotEqual(_protectedStates[0].Nonce, _protectedStates[1].Nonce);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Handle_WhenSlackDisabled_ThrowsSlackUnavailableException(bool oauthConfigured)
    {
        var exception = await Assert.ThrowsAsync<SlackUnavailableException>(() =>
            Handler(Settings with { Disabled = true, OAuthConfigured = oauthConfigured }).Handle(Command(), CancellationToken.None));

        Assert.Equal(SlackUnavailableException.Disabled().Message, exception.Message);
        await AssertNothingIssuedAsync();
    }

    [Fact]
    public async Task Handle_WhenOAuthNotConfigured_ThrowsSlackUnavailableException()
    {
        var exception = await Assert.ThrowsAsync<SlackUnavailableException>(() =>
            Handler(Settings with { OAuthConfigured = false }).Handle(Command(), CancellationToken.None));

        Assert.Equal(SlackUnavailableException.OAuthNotConfigured().Message, exception.Message);
        await AssertNothingIssuedAsync();
    }

    [Fact]
    public async Task Handle_WhenUserUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            Handler().Handle(new StartSlackConnectCommand("user_unknown", _team.Id.Value), CancellationToken.None));

        Assert.Equal("User", exception.Resource);
        Assert.Equal("user_unknown", exception.Id);
        _protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    [Fact]
    public async Task Handle_WhenUserBelongsToAnotherTeam_ThrowsForbiddenException()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Handler().Handle(new StartSlackConnectCommand(_user.Id.Value, "team_other"), CancellationToken.None));

        _protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    [Fact]
    public async Task Handle_WhenUserIsFaux_ThrowsForbiddenException()
    {
        var faux = Given.FauxUser(_team.Id);
        _users.GetAsync(faux.Id, Arg.Any<CancellationToken>()).Returns(faux);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Handler().Handle(new StartSlackConnectCommand(faux.Id.Value, _team.Id.Value), CancellationToken.None));

        _protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    private StartSlackConnectCommand Command() => new(_user.Id.Value, _team.Id.Value);

    private StartSlackConnectHandler Handler(SlackSettings? settings = null) => new(_users, settings ?? Settings, _protector, Given.Clock());

    private async Task AssertNothingIssuedAsync()
    {
        await _users.DidNotReceiveWithAnyArgs().GetAsync(default, default);
        _protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }
}
