using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CodeStream.Integrations.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers persistence on the configured database (<c>storage:provider</c> = <c>sqlite</c> | <c>postgres</c>) with its
    /// start-up migrations, and every Application port this layer implements.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.TryAddSingleton<IDbConnectionFactory>(_ => CreateConnectionFactory(storage));
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationHostedService>();

        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<DbSession>());
        services.AddScoped<ITeamRepository, TeamRepository>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<ICodemarkRepository, CodemarkRepository>();
        services.AddScoped<IReplyRepository, ReplyRepository>();
        services.AddScoped<ISlackShareRepository, SlackShareRepository>();
        services.AddScoped<ISlackIdentityRepository, SlackIdentityRepository>();
        return services;
    }

    /// <summary>Fails fast, naming the key, when storage is configured wrongly.</summary>
    public static IDbConnectionFactory CreateConnectionFactory(StorageOptions storage)
    {
        return storage.Provider?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => new SqliteConnectionFactory(storage.ConnectionString),
            "POSTGRES" or "POSTGRESQL" => string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? throw new InvalidOperationException("Configuration key 'storage:connectionString' is required when 'storage:provider' is 'postgres'.")
                : new PostgresConnectionFactory(storage.ConnectionString),
            _ => throw new InvalidOperationException(
                $"Configuration key 'storage:provider' has the unknown value '{storage.Provider}'; use 'sqlite' or 'postgres'."),
        };
    }
}
