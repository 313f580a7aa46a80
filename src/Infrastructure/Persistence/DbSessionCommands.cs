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

        var connection = await session.ConnectionAsync(cancellationToken).ConfigureAwait(false);
        var command = Command(session, sql, parameters, cancellationToken);
        if (session.Transaction is not null)
        {
            return await connection.ExecuteAsync(command).ConfigureAwait(false);
        }

        try
        {
            return await session.WriteGate.WriteAsync(WritePriority.Normal, () => connection.ExecuteAsync(command), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await session.ReturnIdleConnectionAsync().ConfigureAwait(false);
        }
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await connection.QueryAsync<T>(Command(session, sql, parameters, cancellationToken)).ConfigureAwait(false);
            return rows.AsList();
        }
        finally
        {
            await session.ReturnIdleConnectionAsync().ConfigureAwait(false);
        }
    }

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await connection.QuerySingleOrDefaultAsync<T>(Command(session, sql, parameters, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            await session.ReturnIdleConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary><c>column IN (…)</c> for a list parameter, in the scope's database's dialect.</summary>
    public static string AnyOf(this DbSession session, string column, string parameter) => session.Factory.AnyOf(column, parameter);

    private static CommandDefinition Command(DbSession session, string sql, object? parameters, CancellationToken cancellationToken)
    {
        session.Counted(parameters);
        return new(sql, parameters, session.Transaction, cancellationToken: cancellationToken);
    }
}
