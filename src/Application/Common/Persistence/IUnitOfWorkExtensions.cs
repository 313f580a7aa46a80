namespace CodeStream.Integrations.Application.Common.Persistence;

/// <summary>
/// The one way a transaction is run: begin, the work, commit — or roll back and rethrow. The pipeline uses it around
/// every command (<c>UnitOfWorkBehavior</c>); no request handler calls it (an architecture test checks).
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
