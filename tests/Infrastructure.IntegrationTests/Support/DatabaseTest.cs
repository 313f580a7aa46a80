using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Support;

/// <summary>
/// Base of every persistence test class: <see cref="Providers"/> runs each <c>[SkippableTheory]</c> on SQLite and on
/// PostgreSQL through the same code (the PostgreSQL case skips when <c>CODESTREAM_TEST_POSTGRES</c> is not set).
/// </summary>
public abstract class DatabaseTest
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
