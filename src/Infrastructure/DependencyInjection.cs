using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Connect;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.MsTeams;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Security;
using CodeStream.Integrations.Infrastructure.Slack;
using CodeStream.Integrations.Infrastructure.Slack.Persistence;
using CodeStream.Integrations.Infrastructure.Slack.Security;
using CodeStream.Integrations.Infrastructure.Slack.WebApi;
using CodeStream.Integrations.Infrastructure.WorkQueue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers persistence on the configured database (<c>storage:provider</c> = <c>sqlite</c> | <c>postgres</c>) with its
    /// start-up migrations, the Slack Web API client, token encryption, and every Application port this layer implements.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.TryAddSingleton<IDbConnectionFactory>(_ => CreateConnectionFactory(storage));
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseMigrationHostedService>();
        services.AddHostedService<SqliteCheckpointer>();

        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<DbSession>());
        services.AddSingleton<IExclusiveLock, DatabaseExclusiveLock>();
        services.AddScoped<ITeamRepository, TeamRepository>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<ICodemarkRepository, CodemarkRepository>();
        services.AddSingleton<CodemarkCache>();
        services.AddScoped<IReplyRepository, ReplyRepository>();
        services.AddScoped<IReactionRepository, ReactionRepository>();
        services.AddScoped<ISlackShareRepository, SlackShareRepository>();
        services.AddScoped<ISlackIdentityRepository, SlackIdentityRepository>();
        services.AddScoped<ISlackInstallationRepository, SlackInstallationRepository>();
        services.AddSingleton<Slack.Persistence.SlackBotCache>();
        services.AddSingleton<Slack.Persistence.SlackThreadCache>();
        services.AddScoped<IUserMergeRepository, UserMergeRepository>();
        services.AddScoped<ISlackSubmissionRepository, SlackSubmissionRepository>();
        services.AddScoped<ISlackResyncRepository, SlackResyncRepository>();
        services.AddSingleton(SlackResyncConfiguration.Read(configuration));
        services.AddHostedService<Slack.Resync.SlackHeartbeat>();
        services.AddScoped<ISlackOAuthStateLedger, SlackOAuthStateLedger>();

        services.AddMetrics();
        services.AddSingleton<Observability.IntegrationMetrics>();
        services.AddScoped<IWorkQueue, WorkQueueRepository>();
        services.AddSingleton<WorkQueueSignal>();
        services.AddSingleton<IWorkQueueSignal>(provider => provider.GetRequiredService<WorkQueueSignal>());
        services.AddSingleton(configuration.GetSection(WorkQueueOptions.SectionName).Get<WorkQueueOptions>() ?? new WorkQueueOptions());
        services.AddSingleton<Observability.WorkQueueGauges>();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<WorkItemRunner>();
        services.AddSingleton<WorkCompletionWriter>();
        services.AddHostedService<WorkQueueProcessor>();
        services.AddHostedService<WorkQueueMaintenance>();
        services.AddSingleton<WorkItemBatchWriter>();
        services.AddSingleton<IWorkItemWriter>(provider => provider.GetRequiredService<WorkItemBatchWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<WorkItemBatchWriter>());

        var slack = SlackConfiguration.ReadOptions(configuration);
        services.AddSingleton(SlackConfiguration.ToSettings(slack, SlackConfiguration.ReadPublicOrigin(configuration)));
        var keyRing = KeyRingOptions.Read(configuration, ProviderOf(storage), storage.ConnectionString ?? string.Empty);
        services.AddSingleton(provider => new SecretProtection(
            keyRing, provider.GetRequiredService<IDbConnectionFactory>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<TokenProtector>();
        services.AddSingleton<IOAuthStateProtector, OAuthStateProtector>();
        services.AddSlackWebApi(slack, SlackConfiguration.ApiBaseUrl(slack));
        services.AddMsTeams(MsTeamsConfiguration.ReadOptions(configuration), SlackConfiguration.ReadPublicOrigin(configuration));
        return services;
    }

    /// <summary>Fails fast, naming the key, when storage is configured wrongly.</summary>
    public static IDbConnectionFactory CreateConnectionFactory(StorageOptions storage) => ProviderOf(storage) switch
    {
        DatabaseProvider.Postgres => string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? throw new InvalidOperationException("Configuration key 'storage:connectionString' is required when 'storage:provider' is 'postgres'.")
            : new PostgresConnectionFactory(storage.ConnectionString),
        _ => new SqliteConnectionFactory(storage.ConnectionString),
    };

    private static DatabaseProvider ProviderOf(StorageOptions storage) => storage.Provider?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Configuration key 'storage:provider' has the unknown value '{storage.Provider}'; use 'sqlite' or 'postgres'."),
    };
}
