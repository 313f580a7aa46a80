using System.Data.Common;
using Npgsql;

namespace CodeStream.Integrations.Infrastructure.Persistence;

internal sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(WithQueryDefaults(connectionString));

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ConnectionString { get; } = connectionString;

    /// <summary>PostgreSQL locks rows itself: writers need no turn.</summary>
    public WriteGate WriteGate => WriteGate.None;

    public string AnyOf(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>
    /// Defaults for short, frequent queries; an operator's own setting of either key wins.
    /// <c>Max Auto Prepare</c>: Npgsql prepares statements it sees repeatedly, so PostgreSQL skips parsing and planning
    /// them on every call. <c>No Reset On Close</c>: nothing here changes session state, so a pooled connection needs no
    /// reset round trip each time it goes back to the pool.
    /// </summary>
    internal static string WithQueryDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!Mentions(connectionString, "Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, string key) =>
        connectionString.Contains(key, StringComparison.OrdinalIgnoreCase) || connectionString.Contains(key.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
