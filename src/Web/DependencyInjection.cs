using CodeStream.Integrations.Application;
using CodeStream.Integrations.Infrastructure;
using CodeStream.Integrations.Infrastructure.Slack;
using CodeStream.Integrations.Web.Common;
using CodeStream.Integrations.Web.Core;
using CodeStream.Integrations.Web.Health;
using CodeStream.Integrations.Web.MsTeams;
using CodeStream.Integrations.Web.Setup;
using CodeStream.Integrations.Web.Slack;
using CodeStream.Integrations.Web.Slack.SocketMode;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CodeStream.Integrations.Web;

/// <summary>The two calls that embed the integration in any ASP.NET Core host.</summary>
public static class DependencyInjection
{
    /// <summary>Registers the Application and Infrastructure layers and the web pieces of the integration.</summary>
    public static IServiceCollection AddCodeStreamSlackIntegration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddProblemDetails();
        services.AddSingleton(new ApiKeys(configuration));
        services.AddSingleton<ProductApiAccess>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<ProblemDetailsFilter>();
        services.AddSingleton<IProblemMapper, SlackErrors>();
        services.AddSingleton<IProblemMapper, MsTeams.MsTeamsErrors>();
        services.AddHttpClient(nameof(MsTeams.TeamsTokenValidator));
        services.AddSingleton<MsTeams.TeamsTokenValidator>();
        services.AddProductApiDocs();
        services.AddSingleton(provider => new SlackSigningSecrets(provider.GetRequiredService<SlackAppOptions>()));
        services.AddSingleton<SlackVerificationFilter>();
        services.AddSingleton<RejectedSlackRequests>();
        var limits = ServerLimits.Read(configuration);
        services.AddSingleton(limits);
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(new KestrelLimitsSetup(limits));
        services.AddSingleton<SlackConnectCookie>();
        services.AddHostedService<SlackStartupWarnings>();
        services.AddSingleton<SlackInteractivityMetrics>();
        services.AddIntegrationTelemetry(configuration);
        // ASP.NET Core's request-start/finish lines carry the full URL, and the OAuth redirect's URL carries the
        // authorization code: below Warning, that category would write a credential into the logs.
        // Likewise the redirect to Slack's consent page: its Location carries the OAuth state.
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
            options.AddFilter("Microsoft.AspNetCore.Http.Result.RedirectResult", LogLevel.Warning);
        });
        var health = services.AddHealthChecks().AddCheck<Health.DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddScoped<SlackEventIntake>();
        services.AddScoped<SlackInteractionIntake>();
        services.AddSlackSocketMode(SlackConfiguration.ReadOptions(configuration), health);
        return services;
    }

    /// <summary>Maps the product API (<c>/api/v1</c>) and the Slack endpoints.</summary>
    public static IEndpointRouteBuilder MapCodeStreamSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .AddEndpointFilter<ProblemDetailsFilter>()
            .AddEndpointFilter<ApiKeyFilter>()
            .WithProductProblems();
        api.MapTeamEndpoints();
        api.MapCodemarkEndpoints();
        api.MapSlackUserEndpoints();
        api.MapShareEndpoints();
        api.MapInboxEndpoints();
        api.MapResyncEndpoints();
        api.MapManifestEndpoint();
        api.MapMsTeamsEndpoints();
        endpoints.MapProductApiDocs();

        endpoints.MapProviderActionProbes();
        endpoints.MapSlackEventsEndpoints();
        endpoints.MapSlackInteractivityEndpoints();
        endpoints.MapSlackOAuthEndpoints();
        endpoints.MapTeamsActivityEndpoint();
        endpoints.MapHealthEndpoints();
        endpoints.MapSetupPage(endpoints.ServiceProvider.GetRequiredService<IConfiguration>());
        return endpoints;
    }
}
