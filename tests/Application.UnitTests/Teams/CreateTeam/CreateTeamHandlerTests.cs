using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Teams.CreateTeam;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Teams;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Teams.CreateTeam;

public sealed class CreateTeamHandlerTests : IDisposable
{
    private readonly ITeamRepository _teams = Substitute.For<ITeamRepository>();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly CreateTeamHandler _handler;

    public CreateTeamHandlerTests() => _handler = new CreateTeamHandler(_teams, Given.Clock());

    public void Dispose() => _cancellation.Dispose();

    [Fact]
    public async Task Handle_WhenNameGiven_AddsTrimmedTeamStampedWithTheClock()
    {
        var dto = await _handler.Handle(new CreateTeamCommand("  Acme  "), _cancellation.Token);

        await _teams.Received(1).AddAsync(
            Arg.Is<Team>(t => t.Name == "Acme" && t.CreatedAt == Given.Now && t.Id.Value == dto.Id),
            _cancellation.Token);
        Assert.StartsWith("team_", dto.Id, StringComparison.Ordinal);
        Assert.Equal("Acme", dto.Name);
        Assert.Equal(Given.Now, dto.CreatedAt);
    }

    [Fact]
    public async Task Handle_WhenNameIsBlank_ThrowsDomainExceptionAndAddsNothing()
    {
        await Assert.ThrowsAsync<DomainException>(() => _handler.Handle(new CreateTeamCommand("  "), CancellationToken.None));

        Assert.Empty(_teams.ReceivedCalls());
    }
}
