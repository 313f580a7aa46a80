using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Users.ListTeamUsers;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Users.ListTeamUsers;

public sealed class ListTeamUsersHandlerTests
{
    private readonly ITeamRepository _teams = Substitute.For<ITeamRepository>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly Team _team = Given.NewTeam();
    private readonly ListTeamUsersHandler _handler;

    public ListTeamUsersHandlerTests()
    {
        _teams.GetAsync(_team.Id, Arg.Any<CancellationToken>()).Returns(_team);
        _handler = new ListTeamUsersHandler(_teams, _users);
    }

    [Fact]
    public async Task Handle_WhenTeamHasMembers_ReturnsThemInRepositoryOrder()
    {
        var ada = Given.RegisteredUser(_team.Id);
        var grace = Given.FauxUser(_team.Id);
        _users.ListByTeamAsync(_team.Id, Arg.Any<CancellationToken>()).Returns([ada, grace]);

        var dtos = await _handler.Handle(new ListTeamUsersQuery(_team.Id.Value), CancellationToken.None);

        Assert.Equal([ada.Id.Value, grace.Id.Value], dtos.Select(d => d.Id));
        Assert.True(dtos[0].IsRegistered);
        Assert.Equal("ada@example.com", dtos[0].Email);
        Assert.False(dtos[1].IsRegistered);
        Assert.Equal(grace.ExternalUserId, dtos[1].ExternalUserId);
    }

    [Fact]
    public async Task Handle_WhenTeamHasNoMembers_ReturnsEmptyList()
    {
        _users.ListByTeamAsync(_team.Id, Arg.Any<CancellationToken>()).Returns(Array.Empty<User>());

        Assert.Empty(await _handler.Handle(new ListTeamUsersQuery(_team.Id.Value), CancellationToken.None));
    }

    [Fact]
    public async Task Handle_WhenTeamUnknown_ThrowsNotFoundExceptionWithoutListing()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new ListTeamUsersQuery("team_unknown"), CancellationToken.None));

        Assert.Equal("Team", exception.Resource);
        await _users.DidNotReceiveWithAnyArgs().ListByTeamAsync(default, default);
    }
}
