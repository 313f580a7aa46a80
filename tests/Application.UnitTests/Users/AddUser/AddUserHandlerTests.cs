using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Users.AddUser;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Users.AddUser;

public sealed class AddUserHandlerTests
{
    private readonly ITeamRepository _teams = Substitute.For<ITeamRepository>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly Team _team = Given.NewTeam();
    private readonly AddUserHandler _handler;

    public AddUserHandlerTests()
    {
        _teams.GetAsync(_team.Id, Arg.Any<CancellationToken>()).Returns(_team);
        _users.TryAddAsync(Arg.Any<User>(), Arg.Any<CancellationToken>()).Returns(true);
        _handler = new AddUserHandler(_teams, _users, Given.Clock());
    }

    [Fact]
    public async Task Handle_WhenTeamExists_AddsRegisteredUserAndReturnsIt()
    {
        var dto = await _handler.Handle(
            new AddUserCommand(_team.Id.Value, " ada@example.com ", "ada", "Ada Lovelace"), CancellationToken.None);

        await _users.Received(1).TryAddAsync(
            Arg.Is<User>(u => u.TeamId == _team.Id && u.Email == "ada@example.com" && u.Username == "ada" && !u.IsFaux
                && u.CreatedAt == Given.Now && u.Id.Value == dto.Id),
            Arg.Any<CancellationToken>());
        Assert.StartsWith("user_", dto.Id, StringComparison.Ordinal);
        Assert.Equal(_team.Id.Value, dto.TeamId);
        Assert.Equal("ada@example.com", dto.Email);
        Assert.Equal("ada", dto.Username);
        Assert.Equal("Ada Lovelace", dto.FullName);
        Assert.True(dto.IsRegistered);
        Assert.Null(dto.ExternalUserId);
        Assert.Equal(Given.Now, dto.CreatedAt);
    }

    [Fact]
    public async Task Handle_WhenFullNameMissing_StoresEmptyFullName()
    {
        var dto = await _handler.Handle(new AddUserCommand(_team.Id.Value, "ada@example.com", "ada", null), CancellationToken.None);

        Assert.Equal(string.Empty, dto.FullName);
    }

    [Fact]
    public async Task Handle_WhenTryAddReturnsFalse_ThrowsConflictException()
    {
        _users.TryAddAsync(Arg.Any<User>(), Arg.Any<CancellationToken>()).Returns(false);

        var exception = await Assert.ThrowsAsync<ConflictException>(() =>
            _handler.Handle(new AddUserCommand(_team.Id.Value, "ada@example.com", "ada", null), CancellationToken.None));

        Assert.Contains("ada@example.com", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_team.Id.Value, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTeamUnknown_ThrowsNotFoundExceptionAndAddsNothing()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new AddUserCommand("team_unknown", "ada@example.com", "ada", null), CancellationToken.None));

        Assert.Equal("Team", exception.Resource);
        Assert.Equal("team_unknown", exception.Id);
        await _users.DidNotReceiveWithAnyArgs().TryAddAsync(default!, default);
    }
}
