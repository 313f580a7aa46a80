using CodeStream.Integrations.Infrastructure.Persistence;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CodeStream.Integrations.Web.Health;

/// <summary>Ready means the database answers (docs/slack-behaviour.md, “Operations”).</summary>
internal sealed class DatabaseHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{connections.Provider} reachable");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Provider} unreachable: {exception.GetType().Name}");
        }
    }
}
