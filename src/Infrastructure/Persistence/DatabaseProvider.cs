namespace CodeStream.Integrations.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
