namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>The <c>storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "storage";

    public const string DefaultSqliteFile = "codestream.db";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For SQLite, a connection string or nothing (a file in the working directory); for PostgreSQL, required.</summary>
    public string? ConnectionString { get; set; }
}
