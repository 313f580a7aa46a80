using System.Net;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

internal static class SlackWebApiRegistration
{
    /// <summary>How often a call is retried after 429 (waiting <c>Retry-After</c>), 5xx, timeouts or connection failures.</summary>
    public const int MaxRetries = 3;

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// The Refit client with its resilience: bounded retries that honour <c>Retry-After</c> for this request (each
    /// method and workspace waits its own, nothing pauses globally), exponential back-off with jitter for 5xx and
    /// timeouts, and a timeout per attempt. Time comes from the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSlackWebApi(this IServiceCollection services, SlackAppOptions options, Uri apiBaseUrl)
    {
        services.AddSingleton(options);
        services
            .AddRefitGeneratedClient<ISlackWebApi>(new RefitSettings(new SystemTextJsonContentSerializer(WireJson)))
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = apiBaseUrl;
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline below owns time
            })
            .RedactLoggedHeaders(_ => true)
            .AddResilienceHandler("slack-web-api", (pipeline, context) =>
            {
                pipeline.TimeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    ShouldRetryAfterHeader = true,
                    OnRetry = args =>
                    {
                        if (args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
                        {
                            context.ServiceProvider.GetRequiredService<Observability.IntegrationMetrics>().RateLimitWait();
                        }

                        return ValueTask.CompletedTask;
                    },
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
                        { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
                        _ => false,
                    }),
                });
                pipeline.AddTimeout(AttemptTimeout);
            });
        services.AddSingleton<ISlackGateway, SlackGateway>();
        services.AddHttpClient<Application.Slack.Interactivity.ISlackResponder, SlackResponder>(client => client.Timeout = TimeSpan.FromSeconds(10))
            .RedactLoggedHeaders(_ => true);
        return services;
    }
}
