using Npgsql;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// A condition a scope's transactions must meet to commit: <see cref="Sql"/> returns exactly one row while it holds.
/// The work queue fences a claimed item's transactions by its lease, so a worker whose lease lapsed commits nothing.
/// </summary>
/// <param name="Sql">A query returning one row while the condition holds (PostgreSQL adds <c>FOR UPDATE</c>).</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Broken">The exception to throw when it no longer holds (the transaction is rolled back).</param>
internal sealed record CommitFence(string Sql, object Parameters, Func<Exception> Broken)
{
    private const string Marker = "commit fence broken: ";

    /// <summary>PostgreSQL: the row it finds stays locked until the commit, so the condition cannot change before it.</summary>
    public string LockingSql => Sql.TrimEnd() + " FOR UPDATE";

    /// <summary>
    /// PostgreSQL, sent with <c>COMMIT</c> in one round trip: fails the transaction (so the <c>COMMIT</c> that follows
    /// is not run) unless exactly one row holds. The cast fails only when reached: it depends on the count.
    /// </summary>
    public string RaisingSql => $"SELECT CASE WHEN COUNT(*) = 1 THEN 1 ELSE ('{Marker}' || COUNT(*))::int END FROM ({LockingSql}) AS fence";

    /// <summary>Whether <paramref name="exception"/> is <see cref="RaisingSql"/> failing, not some other statement.</summary>
    public static bool RaisedBy(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.InvalidTextRepresentation } failure
        && failure.MessageText.Contains(Marker, StringComparison.Ordinal);
}
