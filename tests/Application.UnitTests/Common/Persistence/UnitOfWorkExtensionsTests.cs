using CodeStream.Integrations.Application.Common.Persistence;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CodeStream.Integrations.Application.UnitTests.Common.Persistence;

public sealed class UnitOfWorkExtensionsTests : IDisposable
{
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<string> _events = [];

    public UnitOfWorkExtensionsTests()
    {
        _unitOfWork.When(u => u.BeginAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("begin"));
        _unitOfWork.When(u => u.CommitAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("commit"));
        _unitOfWork.When(u => u.RollbackAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("rollback"));
    }

    public void Dispose() => _cancellation.Dispose();

    [Fact]
    public async Task InTransaction_WhenWorkSucceeds_BeginsRunsWorkCommitsAndReturnsItsResult()
    {
        var result = await _unitOfWork.InTransactionAsync(
            () =>
            {
                _events.Add("work");
                return Task.FromResult("done");
            },
            _cancellation.Token);

        Assert.Equal("done", result);
        Assert.Equal(["begin", "work", "commit"], _events);
        await _unitOfWork.Received(1).BeginAsync(_cancellation.Token);
        await _unitOfWork.Received(1).CommitAsync(_cancellation.Token);
        await _unitOfWork.DidNotReceiveWithAnyArgs().RollbackAsync(default);
    }

    [Fact]
    public async Task InTransaction_WhenWorkCompletesAsynchronously_CommitsAfterIt()
    {
        var result = await _unitOfWork.InTransactionAsync(
            async () =>
            {
                await Task.Yield();
                _events.Add("work");
                return 7;
            },
            CancellationToken.None);

        Assert.Equal(7, result);
        Assert.Equal(["begin", "work", "commit"], _events);
    }

    [Fact]
    public async Task InTransaction_WhenWorkThrows_RollsBackAndRethrowsWithoutCommitting()
    {
        var failure = new InvalidOperationException("boom");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _unitOfWork.InTransactionAsync<int>(() => throw failure, _cancellation.Token));

        Assert.Same(failure, thrown);
        Assert.Equal(["begin", "rollback"], _events);
        await _unitOfWork.Received(1).RollbackAsync(CancellationToken.None);
        await _unitOfWork.Received(0).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task InTransaction_WhenWorkFaultsAsynchronously_RollsBackAndRethrowsWithoutCommitting()
    {
        var failure = new TimeoutException();

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() =>
            _unitOfWork.InTransactionAsync<int>(
                async () =>
                {
                    await Task.Yield();
                    throw failure;
                },
                CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Equal(["begin", "rollback"], _events);
        await _unitOfWork.Received(0).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task InTransaction_WhenWorkCancelled_RollsBackWithAnUncancelledToken()
    {
        await _cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            _unitOfWork.InTransactionAsync<int>(() => throw new OperationCanceledException(_cancellation.Token), _cancellation.Token));

        await _unitOfWork.Received(1).RollbackAsync(CancellationToken.None);
        await _unitOfWork.Received(0).CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task InTransaction_WhenCommitFails_RollsBackAndRethrows()
    {
        var failure = new InvalidOperationException("commit failed");
        _unitOfWork.CommitAsync(Arg.Any<CancellationToken>()).ThrowsAsync(failure);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _unitOfWork.InTransactionAsync(() => Task.FromResult(1), CancellationToken.None));

        Assert.Same(failure, thrown);
        await _unitOfWork.Received(1).RollbackAsync(CancellationToken.None);
    }

    [Fact]
    public async Task InTransaction_WhenBeginFails_DoesNotRunTheWork()
    {
        _unitOfWork.BeginAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("no connection"));
        var ran = false;

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _unitOfWork.InTransactionAsync(
                () =>
                {
                    ran = true;
                    return Task.FromResult(1);
                },
                CancellationToken.None));

        Assert.False(ran);
        await _unitOfWork.Received(0).CommitAsync(Arg.Any<CancellationToken>());
    }
}
