using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Status.UpdateSlackStatus;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CodeStream.Integrations.Application.UnitTests.SlackStatus.UpdateSlackStatus;

public sealed class UpdateSlackStatusHandlerTests
{
    private const string Token = "xoxp-user-token";

    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ISlackInstallationRepository _installations = Substitute.For<ISlackInstallationRepository>();
    private readonly ISlackGateway _slack = Substitute.For<ISlackGateway>();
    private readonly Team _team = Given.NewTeam();
    private readonly User _user;

    public UpdateSlackStatusHandlerTests()
    {
        _user = Given.RegisteredUser(_team.Id);
        _users.GetAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_user);
        _installations.FindUserAsync(_user.Id, Given.SlackTeam, Arg.Any<CancellationToken>()).Returns(new SlackUserInstallation(
            _user.Id, _team.Id, Given.SlackTeam, SlackUserId.Parse("U045DE6F7"), Token, SlackSettings.UserScopes, null, null, Given.Now.AddDays(-1)));
    }

    [Fact]
    public async Task Handle_WhenEmojiMissing_SetsTheStatusWithTheDefaultEmoji()
    {
        var response = await Handler().Handle(Command("Coding in CodeStream", emoji: null, expiresAt: 1_764_000_000), CancellationToken.None);

        Assert.Equal(Unit.Value, response);
        Assert.Equal(":desktop_computer:", UpdateSlackStatusCommand.DefaultEmoji);
        await _slack.Received(1).SetUserStatusAsync(Token, "Coding in CodeStream", ":desktop_computer:", 1_764_000_000, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenEmojiEmpty_UsesTheDefaultEmoji()
    {
        await Handler().Handle(Command("Coding", emoji: string.Empty), CancellationToken.None);

        await _slack.Received(1).SetUserStatusAsync(Token, "Coding", ":desktop_computer:", 0, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenEmojiGiven_UsesIt()
    {
        await Handler().Handle(Command("Reviewing", emoji: ":eyes:", expiresAt: 1_764_000_000), CancellationToken.None);

        await _slack.Received(1).SetUserStatusAsync(Token, "Reviewing", ":eyes:", 1_764_000_000, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenNoExpiry_SetsAStatusThatDoesNotExpire()
    {
        await Handler().Handle(Command("Coding", emoji: ":eyes:", expiresAt: null), CancellationToken.None);

        await _slack.Received(1).SetUserStatusAsync(Token, "Coding", ":eyes:", 0, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenTextPadded_TrimsIt()
    {
        await Handler().Handle(Command("  Coding  "), CancellationToken.None);

        await _slack.Received(1).SetUserStatusAsync(Token, "Coding", ":desktop_computer:", 0, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Handle_WhenTextEmpty_ClearsTheStatusEmojiAndExpiry(string? text)
    {
        await Handler().Handle(Command(text, emoji: ":eyes:", expiresAt: 1_764_000_000), CancellationToken.None);

        await _slack.Received(1).SetUserStatusAsync(Token, string.Empty, string.Empty, 0, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenSlackDisabled_ThrowsSlackUnavailableException()
    {
        var handler = Handler(new SlackSettings { Disabled = true });

        var exception = await Assert.ThrowsAsync<SlackUnavailableException>(() => handler.Handle(Command("Coding"), CancellationToken.None));

        Assert.Equal(SlackUnavailableException.Disabled().Message, exception.Message);
        await _users.DidNotReceiveWithAnyArgs().GetAsync(default, default);
        await AssertStatusNotSetAsync();
    }

    [Fact]
    public async Task Handle_WhenUserUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            Handler().Handle(new UpdateSlackStatusCommand("user_unknown", Given.SlackTeam.Value, "Coding", null, null), CancellationToken.None));

        Assert.Equal("User", exception.Resource);
        Assert.Equal("user_unknown", exception.Id);
        await _installations.DidNotReceiveWithAnyArgs().FindUserAsync(default, default, default);
        await AssertStatusNotSetAsync();
    }

    [Fact]
    public async Task Handle_WhenUserNotConnectedToTheWorkspace_ThrowsSlackNotConnectedException()
    {
        await Assert.ThrowsAsync<SlackNotConnectedException>(() =>
            Handler().Handle(new UpdateSlackStatusCommand(_user.Id.Value, "T0OTHER01", "Coding", null, null), CancellationToken.None));

        await AssertStatusNotSetAsync();
    }

    [Fact]
    public async Task Handle_WhenSlackSaysTheTokenIsRevoked_RemovesItAndThrowsSlackNotConnectedException()
    {
        _slack.SetUserStatusAsync(Token, Arg.Any<string>(), Arg.Any<string>(), Arg.Any<long>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new SlackApiException("users.profile.set", "token_revoked"));

        await Assert.ThrowsAsync<SlackNotConnectedException>(() => Handler().Handle(Command("Coding"), CancellationToken.None));

        await _installations.Received(1).RemoveUserTokenAsync(_user.Id, Given.SlackTeam, Arg.Any<CancellationToken>());
    }

    private UpdateSlackStatusCommand Command(string? text, string? emoji = null, long? expiresAt = null) =>
        new(_user.Id.Value, Given.SlackTeam.Value, text, emoji, expiresAt);

    private UpdateSlackStatusHandler Handler(SlackSettings? settings = null)
    {
        settings ??= new SlackSettings { OAuthConfigured = true };
        var clock = Given.Clock();
        return new UpdateSlackStatusHandler(_users, _installations, settings, new SlackTokenService(_installations, _slack, new InProcessLock(), HandlerMediator.Over(new SlackTokenCommandHandlers(_installations)), Detached.Over(new SlackTokenCommandHandlers(_installations)), settings, new SlackExpiredTokens(), clock), _slack);
    }

    private async Task AssertStatusNotSetAsync() =>
        await _slack.DidNotReceiveWithAnyArgs().SetUserStatusAsync(default!, default!, default!, default, default);
}
