namespace CodeStream.Integrations.Application.Common.Persistence;

/// <summary>
/// For requests that call Slack: the Slack calls run first, outside any transaction (so no database lock is held
/// across the network), and only the writes run in one transaction.
/// </summary>
public static class IUnitOfWorkExtensions
{
    public static async Task<T> InTransactionAsync<T>(this IUnitOfWork unitOfWork, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await work().ConfigureAwait(false);
            await unitOfWork.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            try
            {
                await unitOfWork.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The work's own exception is the one worth reporting; a failed rollback ends with the connection.
            catch
            {
            }
#pragma warning restore CA1031

            throw;
        }
    }
}
