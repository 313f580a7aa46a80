using System.Web;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Connect;
using CodeStream.Integrations.Application.Slack.Connect.CompleteSlackOAuth;
using CodeStream.Integrations.Application.Slack.Connect.OpenSlackConsent;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.SlackOAuth.OpenSlackConsent;

public sealed class OpenSlackConsentHandlerTests
{
    private const string Ticket = "sealed-ticket";

    // Characters that must be escaped in a query value, as a real data-protection payload may contain them.
    private const string ProtectedState = "CfDJ8+sealed/state==";

    private static readonly SlackSettings Settings = new()
    {
        ClientId = "1234.5678",
        OAuthConfigured = true,
        OAuthAuthorizeUrl = new Uri("https://slack.example.com/oauth/v2/authorize"),
        RedirectUri = new Uri("https://codestream.example.com/no-auth/provider-token/slack"),
    };

    private readonly IOAuthStateProtector _protector = Substitute.For<IOAuthStateProtector>();
    private readonly FakeTimeProvider _clock = Given.Clock();
    private readonly List<OAuthState> _states = [];

    public OpenSlackConsentHandlerTests()
    {
        _protector.UnprotectTicket(Ticket).Returns(new SlackConnectTicket("user_01", "team_01", Given.Now.AddMinutes(10)));
        _protector.Protect(Arg.Do<OAuthState>(_states.Add)).Returns(ProtectedState);
    }

    [Fact]
    public async Task Handle_WhenTicketIsValid_ReturnsSlacksAuthorizeUrlWithEveryOAuthParameterEscaped()
    {
        var start = await Handler().Handle(new OpenSlackConsentCommand(Ticket), CancellationToken.None);

        Assert.Null(start.Refusal);
        var url = start.SlackAuthorizeUrl!;
        Assert.StartsWith($"{Settings.OAuthAuthorizeUrl}?", url.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(["client_id", "redirect_uri", "scope", "state", "user_scope"], query.AllKeys.Order(StringComparer.Ordinal));
        Assert.Equal("1234.5678", query["client_id"]);
        Assert.Equal(SlackSettings.BotScopes, query["scope"]);
        Assert.Equal(SlackSettings.UserScopes, query["user_scope"]);
        Assert.Equal("https://codestream.example.com/no-auth/provider-token/slack", query["redirect_uri"]);
        Assert.Equal(ProtectedState, query["state"]);
        Assert.Contains("state=CfDJ8%2Bsealed%2Fstate%3D%3D", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTicketIsValid_BindsTheStateToTheNonceForTheBrowserCookie()
    {
        var start = await Handler().Handle(new OpenSlackConsentCommand(Ticket), CancellationToken.None);

        var state = Assert.Single(_states);
        Assert.Equal("user_01", state.UserId);
        Assert.Equal("team_01", state.TeamId);
        Assert.Equal(Given.Now.AddMinutes(10), state.ExpiresAt);
        Assert.Equal(state.ExpiresAt, start.ExpiresAt);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", start.BrowserNonce!);
        Assert.Equal(BrowserNonce.Hash(start.BrowserNonce!), state.BrowserNonceHash);
        Assert.NotEqual(start.BrowserNonce, state.BrowserNonceHash);
    }

    [Fact]
    public async Task Handle_WhenOpenedTwice_UsesAFreshNonceEachTime()
    {
        var first = await Handler().Handle(new OpenSlackConsentCommand(Ticket), CancellationToken.None);
        var second = await Handler().Handle(new OpenSlackConsentCommand(Ticket), CancellationToken.None);

        Assert.NotEqual(first.BrowserNonce, second.BrowserNonce);
        Assert.NotEqual(_states[0].BrowserNonceHash, _states[1].BrowserNonceHash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged")]
    public async Task Handle_WhenTicketIsMissingOrForged_RefusesWithInvalidState(string? ticket)
    {
        var start = await Handler().Handle(new OpenSlackConsentCommand(ticket), CancellationToken.None);

        Assert.Equal(SlackConnectionOutcome.InvalidState, start.Refusal?.Outcome);
        Assert.Null(start.BrowserNonce);
        Assert.Empty(_states);
    }

    [Fact]
    public async Task Handle_WhenTicketHasExpired_RefusesWithExpiredState()
    {
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromTicks(1));

        var start = await Handler().Handle(new OpenSlackConsentCommand(Ticket), CancellationToken.None);

        Assert.Equal(SlackConnectionOutcome.ExpiredState, start.Refusal?.Outcome);
        Assert.Empty(_states);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Handle_WhenSlackIsDisabledOrUnconfigured_RefusesAsUnavailable(bool disabled, bool oauthConfigured)
    {
        var start = await Handler(Settings with { Disabled = disabled, OAuthConfigured = oauthConfigured }).Handle(new OpenSlackConsentCommand(Ticket), CancellationToken.None);

        Assert.Equal(SlackConnectionOutcome.Unavailable, start.Refusal?.Outcome);
        Assert.Empty(_states);
    }

    private OpenSlackConsentHandler Handler(SlackSettings? settings = null) => new(settings ?? Settings, _protector, _clock);
}
