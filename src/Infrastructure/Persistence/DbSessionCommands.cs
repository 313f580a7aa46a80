using Dapper;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>Dapper calls on the scope's connection, inside its transaction when a unit of work is open.</summary>
internal static class DbSessionCommands
{
    /// <summary>
    /// A write: inside the scope's transaction when one is open, otherwise a lone write taking its turn like one. While a
    /// query or flow runs, a lone write is a bug (its writes belong in a command) and is refused.
    /// </summary>
    public static async Task<int> ExecuteAsync(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken)
    {
        if (session.WritesForbidden)
        {
            throw new InvalidOperationException("A write outside a unit of work while a query or flow runs: writes belong to a command (ICommand).");
        }

        return await OnConnectionAsync(
            session,
            connection =>
            {
                var command = Command(session, sql, parameters, cancellationToken);
                return session.Transaction is not null
                    ? connection.ExecuteAsync(command)
                    : session.WriteGate.WriteAsync(WritePriority.Normal, () => connection.ExecuteAsync(command), cancellationToken);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public static Task<IReadOnlyList<T>> QueryAsync<T>(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken) =>
        OnConnectionAsync(
            session,
            async connection => (IReadOnlyList<T>)(await connection.QueryAsync<T>(Command(session, sql, parameters, cancellationToken)).ConfigureAwait(false)).AsList(),
            cancellationToken);

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken) =>
        OnConnectionAsync(
            session, connection => connection.QuerySingleOrDefaultAsync<T>(Command(session, sql, parameters, cancellationToken)), cancellationToken);

    /// <summary><c>column IN (…)</c> for a list parameter, in the scope's database's dialect.</summary>
    public static string AnyOf(this DbSession session, string column, string parameter) => session.Factory.AnyOf(column, parameter);

    /// <summary>One statement on the scope's connection, which goes back to the pool after it when no transaction holds it.</summary>
    private static async Task<T> OnConnectionAsync<T>(DbSession session, Func<System.Data.Common.DbConnection, Task<T>> statement, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await statement(connection).ConfigureAwait(false);
        }
        finally
        {
            await session.ReturnIdleConnectionAsync().ConfigureAwait(false);
        }
    }

    private static CommandDefinition Command(DbSession session, string sql, object? parameters, CancellationToken cancellationToken)
    {
        session.Counted(parameters);
        return new(sql, parameters, session.Transaction, cancellationToken: cancellationToken);
    }
}
