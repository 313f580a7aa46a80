using System.Data.Common;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// Opens pooled connections to the configured database, and is the one home of what differs between the databases
/// the repositories share SQL for: how writers take turns, how a list parameter is matched.
/// </summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    /// <summary>The connection string, for the migration runner.</summary>
    string ConnectionString { get; }

    /// <summary>How this process's writers take turns: one at a time on a SQLite file, not at all on PostgreSQL.</summary>
    WriteGate WriteGate { get; }

    /// <summary>On SQLite, the units of work that queue at the gate commit together; <c>null</c> where each commits alone.</summary>
    SqliteGroupCommit? GroupCommit => null;

    /// <summary>
    /// <c>column IN (…)</c> for a list parameter. Dapper expands lists for SQLite; Npgsql takes the list as one array,
    /// which PostgreSQL matches with <c>= ANY(…)</c>.
    /// </summary>
    string AnyOf(string column, string parameter);

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
