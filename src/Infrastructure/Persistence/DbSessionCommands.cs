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
            async connection =>
            {
                if (await WithHeldWritesAsync(session, connection, sql, parameters, cancellationToken).ConfigureAwait(false) is { } rows)
                {
                    return rows;
                }

                var command = Command(session, sql, parameters, cancellationToken);
                return session.Transaction is not null
                    ? await connection.ExecuteAsync(command).ConfigureAwait(false)
                    : await session.WriteGate.WriteAsync(WritePriority.Normal, () => connection.ExecuteAsync(command), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A write whose row count is not needed at once (<paramref name="onRows"/> gets it once known). Inside a PostgreSQL
    /// transaction it is held and sent with the transaction's next statement (<see cref="PostgresWriteBatch"/>);
    /// anywhere else it runs now, like <see cref="ExecuteAsync"/>. <paramref name="onFailure"/> may turn the database's
    /// error into the caller's own, whenever it comes (now, or with the statement or the commit it travels with).
    /// <paramref name="onRows"/> must not throw: when the write travels with the commit, it runs once that commit is done.
    /// </summary>
    public static async Task ExecuteHeldAsync(
        this DbSession session,
        string sql,
        object? parameters,
        CancellationToken cancellationToken,
        Action<int>? onRows = null,
        Func<System.Data.Common.DbException, Exception?>? onFailure = null)
    {
        if (session.Provider == DatabaseProvider.Postgres && session.Transaction is not null && session.HeldWrites.TryHold(sql, parameters, onRows, onFailure))
        {
            session.Counted(parameters);
            return;
        }

        int rows;
        try
        {
            rows = await session.ExecuteAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException failure) when (onFailure is not null)
        {
            if (onFailure(failure) is { } translated)
            {
                throw translated;
            }

            throw;
        }

        onRows?.Invoke(rows);
    }

    /// <summary>How many rows a query returns: on PostgreSQL in one round trip with the held writes (the lease fence).</summary>
    public static async Task<int> CountRowsAsync(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken) =>
        await OnConnectionAsync(
            session,
            async connection => await WithHeldWritesAsync(session, connection, sql, parameters, cancellationToken).ConfigureAwait(false)
                ?? (await connection.QueryAsync<object>(Command(session, sql, parameters, cancellationToken)).ConfigureAwait(false)).Count(),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Sends the writes the scope's PostgreSQL transaction holds, if any (before a query, or the commit).</summary>
    public static async Task SendHeldWritesAsync(this DbSession session, CancellationToken cancellationToken)
    {
        session.HeldWrites.ThrowIfFailed();
        if (!session.HeldWrites.IsEmpty && session.Transaction is Npgsql.NpgsqlTransaction transaction)
        {
            await session.HeldWrites.SendAsync(transaction.Connection!, transaction, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task<IReadOnlyList<T>> QueryAsync<T>(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken) =>
        OnConnectionAsync(
            session,
            async connection =>
            {
                await session.SendHeldWritesAsync(cancellationToken).ConfigureAwait(false);
                return (IReadOnlyList<T>)(await connection.QueryAsync<T>(Command(session, sql, parameters, cancellationToken)).ConfigureAwait(false)).AsList();
            },
            cancellationToken);

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this DbSession session, string sql, object? parameters, CancellationToken cancellationToken) =>
        OnConnectionAsync(
            session,
            async connection =>
            {
                await session.SendHeldWritesAsync(cancellationToken).ConfigureAwait(false);
                return await connection.QuerySingleOrDefaultAsync<T>(Command(session, sql, parameters, cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken);

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

    /// <summary>
    /// Inside a PostgreSQL transaction holding writes: the statement with them in one round trip, returning its row count;
    /// <c>null</c> when it is to run on its own (the held writes, if any, sent first).
    /// </summary>
    private static async Task<int?> WithHeldWritesAsync(DbSession session, System.Data.Common.DbConnection connection, string sql, object? parameters, CancellationToken cancellationToken)
    {
        if (session.HeldWrites.IsEmpty || session.Transaction is not Npgsql.NpgsqlTransaction transaction)
        {
            return null; // nothing to travel with: Dapper runs it as always
        }

        if (await session.HeldWrites.SendAsync((Npgsql.NpgsqlConnection)connection, transaction, sql, parameters, cancellationToken).ConfigureAwait(false) is { } rows)
        {
            session.Counted(parameters);
            return rows;
        }

        await session.SendHeldWritesAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static CommandDefinition Command(DbSession session, string sql, object? parameters, CancellationToken cancellationToken)
    {
        session.Counted(parameters);
        return new(sql, parameters, session.Transaction, cancellationToken: cancellationToken);
    }
}
