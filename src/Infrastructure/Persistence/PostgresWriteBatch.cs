using Npgsql;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// Writes of a PostgreSQL transaction whose row counts are read later or not at all, held until the transaction's next
/// statement and sent with it as one <see cref="NpgsqlBatch"/>: a reply's row, its mentions and its Slack record go in
/// one round trip instead of three. A held write that fails makes the statement it travels with fail; the transaction
/// is then rolled back like after any failed statement. (SQLite runs in the process: it has no round trips to save.)
/// </summary>
internal sealed class PostgresWriteBatch
{
    private readonly List<(NpgsqlBatchCommand Command, Action<int>? OnRows, Func<System.Data.Common.DbException, Exception?>? OnFailure)> _held = [];
    private bool _failed;

    public bool IsEmpty => _held.Count == 0;

    /// <summary>
    /// Holds the write (a row per element when <paramref name="parameters"/> lists rows); <c>false</c> when its parameters
    /// are Dapper's own kind. <paramref name="onFailure"/> may turn the database's error into the caller's own.
    /// </summary>
    public bool TryHold(string sql, object? parameters, Action<int>? onRows, Func<System.Data.Common.DbException, Exception?>? onFailure = null)
    {
        if (parameters is System.Collections.IDictionary or IEnumerable<KeyValuePair<string, object?>>)
        {
            return false; // named values, Dapper's way: sent now
        }

        if (parameters is System.Collections.IEnumerable rows and not string)
        {
            if (onRows is not null)
            {
                return false; // one count for several rows: Dapper's sum, sent now
            }

            var commands = new List<NpgsqlBatchCommand>();
            foreach (var row in rows)
            {
                if (Command(sql, row) is not { } command)
                {
                    return false;
                }

                commands.Add(command);
            }

            _held.AddRange(commands.Select(command => (command, (Action<int>?)null, onFailure)));
            return true;
        }

        if (Command(sql, parameters) is not { } one)
        {
            return false;
        }

        _held.Add((one, onRows, onFailure));
        return true;
    }

    public void Clear()
    {
        _held.Clear();
        _failed = false;
    }

    /// <summary>
    /// A send that failed lost what it held, even when the failure came before the server saw it (a cancellation):
    /// the transaction must not commit without them.
    /// </summary>
    public void ThrowIfFailed()
    {
        if (_failed)
        {
            throw new HeldWritesNotSentException();
        }
    }

    /// <summary>
    /// Sends what is held, then <paramref name="sql"/> when given, then <c>COMMIT</c> when <paramref name="thenCommit"/>,
    /// in one round trip; returns the rows that statement changed or returned, or <c>null</c> when its parameters cannot
    /// be bound here (nothing held was sent then). A statement that fails stops the ones behind it, the commit included.
    /// </summary>
    public async Task<int?> SendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? sql, object? parameters, CancellationToken cancellationToken, bool thenCommit = false)
    {
        var last = sql is null ? null : Command(sql, parameters);
        if (sql is not null && last is null)
        {
            return null;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (command, _, _) in _held)
        {
            batch.BatchCommands.Add(command);
        }

        if (last is not null)
        {
            batch.BatchCommands.Add(last);
        }

        if (thenCommit)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        var held = _held.ToArray();
        _held.Clear();
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            _failed = true;
            if (failure is System.Data.Common.DbException error
                && held.Select(h => h.OnFailure?.Invoke(error)).FirstOrDefault(e => e is not null) is { } translated)
            {
                throw translated;
            }

            throw;
        }

        foreach (var (command, onRows, _) in held)
        {
            onRows?.Invoke((int)command.Rows);
        }

        return last is null ? 0 : (int)last.Rows;
    }

    private static NpgsqlBatchCommand? Command(string sql, object? parameters)
    {
        // A batch command is one statement: SQL of several (a merge) is left to Dapper.
        if (sql.TrimEnd().TrimEnd(';').Contains(';', StringComparison.Ordinal) || !SqlArguments.TryRead(parameters, out var arguments))
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value, type) in arguments)
        {
            var parameter = new NpgsqlParameter { ParameterName = name, Value = value ?? DBNull.Value };
            if (type is { } dbType)
            {
                parameter.DbType = dbType;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }
}

/// <summary>A database error like the one that stopped the send: the unit of work fails and is retried, not parked.</summary>
internal sealed class HeldWritesNotSentException()
    : System.Data.Common.DbException("Writes held for this transaction were not sent; it cannot commit.");
