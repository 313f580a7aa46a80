using System.Web;
using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Connect;
using CodeStream.Integrations.Application.Slack.Connect.StartSlackConnect;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.SlackOAuth.StartSlackConnect;

public sealed class StartSlackConnectHandlerTests
{
    // Characters that must be escaped in a query value, as a real data-protection payload may contain them.
    private const string ProtectedTicket = "CfDJ8+sealed/ticket==";

    private static readonly SlackSettings Settings = new()
    {
        ClientId = "1234.5678",
        OAuthConfigured = true,
        ConnectStartUri = new Uri("https://codestream.example.com/no-auth/provider-token/slack/start"),
    };

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IOAuthStateProtector _protector = Substitute.For<IOAuthStateProtector>();
    private readonly List<SlackConnectTicket> _tickets = [];
    private readonly Team _team = Given.NewTeam();
    private readonly User _user;

    public StartSlackConnectHandlerTests()
    {
        _user = Given.RegisteredUser(_team.Id);
        _users.GetAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _protector.ProtectTicket(Arg.Do<SlackConnectTicket>(_tickets.Add)).Returns(ProtectedTicket);
    }

    [Fact]
    public async Task Handle_WhenValid_ReturnsTheHostsStartLinkWithAnEscapedTicket()
    {
        var link = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("https://codestream.example.com/no-auth/provider-token/slack/start?ticket=CfDJ8%2Bsealed%2Fticket%3D%3D", link.AuthorizeUrl);
        Assert.Equal(ProtectedTicket, HttpUtility.ParseQueryString(new Uri(link.AuthorizeUrl).Query)["ticket"]);
        _protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    [Fact]
    public async Task Handle_WhenValid_TicketCarriesUserTeamAndExpiry()
    {
        await Handler().Handle(Command(), CancellationToken.None);

        var ticket = Assert.Single(_tickets);
        Assert.Equal(_user.Id.Value, ticket.UserId);
        Assert.Equal(_team.Id.Value, ticket.TeamId);
        Assert.Equal(Given.Now.AddMinutes(10), ticket.ExpiresAt);
    }

    [Fact]
    public async Task Handle_WhenStateLifetimeConfigured_TheTicketLivesAsLong()
    {
        await Handler(Settings with { OAuthStateLifetime = TimeSpan.FromMinutes(3) }).Handle(Command(), CancellationToken.None);

        Assert.Equal(Given.Now.AddMinutes(3), Assert.Single(_tickets).ExpiresAt);
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
        _protector.DidNotReceiveWithAnyArgs().ProtectTicket(default!);
    }

    [Fact]
    public async Task Handle_WhenUserBelongsToAnotherTeam_ThrowsForbiddenException()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Handler().Handle(new StartSlackConnectCommand(_user.Id.Value, "team_other"), CancellationToken.None));

        _protector.DidNotReceiveWithAnyArgs().ProtectTicket(default!);
    }

    [Fact]
    public async Task Handle_WhenUserIsFaux_ThrowsForbiddenException()
    {
        var faux = Given.FauxUser(_team.Id);
        _users.GetAsync(faux.Id, Arg.Any<CancellationToken>()).Returns(faux);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Handler().Handle(new StartSlackConnectCommand(faux.Id.Value, _team.Id.Value), CancellationToken.None));

        _protector.DidNotReceiveWithAnyArgs().ProtectTicket(default!);
    }

    private StartSlackConnectCommand Command() => new(_user.Id.Value, _team.Id.Value);

    private StartSlackConnectHandler Handler(SlackSettings? settings = null) => new(_users, settings ?? Settings, _protector, Given.Clock());

    private async Task AssertNothingIssuedAsync()
    {
        await _users.DidNotReceiveWithAnyArgs().GetAsync(default, default);
        _protector.DidNotReceiveWithAnyArgs().ProtectTicket(default!);
    }
}
