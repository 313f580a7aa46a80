using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Infrastructure.MsTeams.BotConnector;
using CodeStream.Integrations.Infrastructure.MsTeams.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CodeStream.Integrations.Infrastructure.MsTeams;

/// <summary>The Teams module's adapters: its options and settings, its repositories, the Bot Connector and the bot's token.</summary>
internal static class MsTeamsRegistration
{
    private const string TokenClientName = "msteams-bot-token";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddMsTeams(this IServiceCollection services, MsTeamsOptions options, Uri publicOrigin)
    {
        services.AddSingleton(options);
        services.AddSingleton(MsTeamsConfiguration.ToSettings(options, publicOrigin));
        services.AddScoped<IMsTeamsInstallationRepository, MsTeamsInstallationRepository>();
        services.AddScoped<IMsTeamsShareRepository, MsTeamsShareRepository>();
        services.AddHttpClient(BotConnectorGateway.ClientName, client => client.Timeout = CallTimeout).RedactLoggedHeaders(_ => true);
        services.AddHttpClient(TokenClientName, client => client.Timeout = CallTimeout).RedactLoggedHeaders(_ => true);
        services.AddSingleton(provider => new BotTokenClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(TokenClientName), options, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IBotConnector, BotConnectorGateway>();
        return services;
    }
}
