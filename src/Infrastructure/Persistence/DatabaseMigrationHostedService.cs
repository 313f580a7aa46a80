using Microsoft.Extensions.Hosting;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>Migrates the schema before the host starts serving: a host that cannot migrate does not start.</summary>
internal sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
