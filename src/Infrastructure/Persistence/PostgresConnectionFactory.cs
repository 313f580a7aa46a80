using System.Data.Common;
using Npgsql;

namespace CodeStream.Integrations.Infrastructure.Persistence;

internal sealed class PostgresConnectionFactory(string connectionString) : IDbConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ConnectionString { get; } = connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
