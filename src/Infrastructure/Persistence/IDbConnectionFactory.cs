using System.Data.Common;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>Opens pooled connections to the configured database. The only place that knows which database it is.</summary>
public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    /// <summary>The connection string, for the migration runner.</summary>
    string ConnectionString { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
