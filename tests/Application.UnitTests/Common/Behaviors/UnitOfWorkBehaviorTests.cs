using CodeStream.Integrations.Application.Common.Behaviors;
using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;
using CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Teams.CreateTeam;
using MediatR;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CodeStream.Integrations.Application.UnitTests.Common.Behaviors;

public sealed class UnitOfWorkBehaviorTests : IDisposable
{
    private static readonly TeamDto Team = new("team_01", "Acme", DateTimeOffset.UnixEpoch);

    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<string> _events = [];

    public UnitOfWorkBehaviorTests()
    {
        _unitOfWork.When(u => u.BeginAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("begin"));
        _unitOfWork.When(u => u.CommitAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("commit"));
        _unitOfWork.When(u => u.RollbackAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("rollback"));
    }

    public void Dispose() => _cancellation.Dispose();

    [Fact]
    public async Task Handle_WhenCommandSucceeds_BeginsRunsHandlerThenCommits()
    {
        var behavior = new UnitOfWorkBehavior<CreateTeamCommand, TeamDto>(_unitOfWork);

        var response = await behavior.Handle(new CreateTeamCommand("Acme"), _cancellation.Token, () =>
        {
            _events.Add("handler");
            return Task.FromResult(Team);
        });

        Assert.Same(Team, response);
        Assert.Equal(["begin", "handler", "commit"], _events);
        await _unitOfWork.Received(1).BeginAsync(_cancellation.Token);
        await _unitOfWork.Received(1).CommitAsync(_cancellation.Token);
    }

    [Fact]
    public async Task Handle_WhenUnitCommandSucceeds_Commits()
    {
        var behavior = new UnitOfWorkBehavior<DeleteCodemarkCommand, Unit>(_unitOfWork);

        await behavior.Handle(new DeleteCodemarkCommand("cm_01"), CancellationToken.None, () => Task.FromResult(Unit.Value));

        Assert.Equal(["begin", "commit"], _events);
    }

    [Fact]
    public async Task Handle_WhenHandlerThrows_RollsBackAndRethrowsWithoutCommitting()
    {
        var behavior = new UnitOfWorkBehavior<CreateTeamCommand, TeamDto>(_unitOfWork);
        var failure = new InvalidOperationException("boom");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behavior.Handle(new CreateTeamCommand("Acme"), _cancellation.Token, () => throw failure));

        Assert.Same(failure, thrown);
        Assert.Equal(["begin", "rollback"], _events);
        await _unitOfWork.Received(1).RollbackAsync(CancellationToken.None);
        await _unitOfWork.DidNotReceiveWithAnyArgs().CommitAsync(default);
    }

    [Fact]
    public async Task Handle_WhenHandlerFaultsAsynchronously_RollsBack()
    {
        var behavior = new UnitOfWorkBehavior<CreateTeamCommand, TeamDto>(_unitOfWork);

        await Assert.ThrowsAsync<TimeoutException>(() =>
            behavior.Handle(new CreateTeamCommand("Acme"), CancellationToken.None, async () =>
            {
                await Task.Yield();
                throw new TimeoutException();
            }));

        Assert.Equal(["begin", "rollback"], _events);
    }

    [Fact]
    public async Task Handle_WhenCommitFails_RollsBackAndRethrows()
    {
        _unitOfWork.CommitAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("commit failed"));
        var behavior = new UnitOfWorkBehavior<CreateTeamCommand, TeamDto>(_unitOfWork);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behavior.Handle(new CreateTeamCommand("Acme"), CancellationToken.None, () => Task.FromResult(Team)));

        await _unitOfWork.Received(1).RollbackAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Handle_WhenQuery_OpensNoTransactionAndForbidsLoneWritesWhileItRuns()
    {
        var behavior = new UnitOfWorkBehavior<GetCodemarkQuery, CodemarkDto>(_unitOfWork);
        var dto = new CodemarkDto("cm_01", "team_01", "post_01", "user_01", "issue", null, "t", [], DateTimeOffset.UnixEpoch, null, false, [], []);
        var nextCalls = 0;

        var response = await behavior.Handle(new GetCodemarkQuery("cm_01"), CancellationToken.None, () =>
        {
            nextCalls++;
            return Task.FromResult(dto);
        });

        Assert.Same(dto, response);
        Assert.Equal(1, nextCalls);
        _unitOfWork.Received(1).ForbidWritesOutsideTransactions();
        await _unitOfWork.DidNotReceiveWithAnyArgs().BeginAsync(default);
        await _unitOfWork.DidNotReceiveWithAnyArgs().CommitAsync(default);
    }

    [Fact]
    public async Task Handle_WhenQueryThrows_DoesNotRollBack()
    {
        var behavior = new UnitOfWorkBehavior<GetCodemarkQuery, CodemarkDto>(_unitOfWork);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behavior.Handle(new GetCodemarkQuery("cm_01"), CancellationToken.None, () => throw new InvalidOperationException()));

        await _unitOfWork.DidNotReceiveWithAnyArgs().BeginAsync(default);
        await _unitOfWork.DidNotReceiveWithAnyArgs().RollbackAsync(default);
    }
}
