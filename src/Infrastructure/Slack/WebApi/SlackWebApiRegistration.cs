using System.Net;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

internal static class SlackWebApiRegistration
{
    /// <summary>How often a call is retried after 5xx, timeouts or connection failures (never after 429: see <see cref="SlackRateLimitGovernor"/>).</summary>
    public const int MaxRetries = 3;

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The request option of a call that spends a single-use grant (a refresh token): never retried here.</summary>
    public const string SingleUseGrant = "codestream.single-use-grant";

    private static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// The Refit client with its resilience: exponential back-off with jitter for 5xx and timeouts, and a timeout per
    /// attempt. A 429 is not waited out here, inside a caller that holds a work item's lease: it pauses the workspace's
    /// method in <see cref="SlackRateLimitGovernor"/> and the work queue defers the item to its <c>Retry-After</c>.
    /// Time comes from the registered <see cref="TimeProvider"/>.
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
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                    {
                        // Refused before anything was sent: always safe to try again.
                        { Exception: HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } } } => true,
                        // A post may have been made though no answer came: trying it again here could post a twin; the
                        // caller finds out from the message's metadata instead (SlackMessageMarker).
                        _ when PostsAMessage(args.Context.GetRequestMessage()) => false,
                        // A refresh or exchange Slack may have carried out: its refresh token is spent, and trying
                        // again would be refused and lose the installation. (A code exchange may be tried again.)
                        _ when SpendsAGrant(args.Context.GetRequestMessage()) => false,
                        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                        { Result.StatusCode: >= HttpStatusCode.InternalServerError } => true,
                        _ => false,
                    }),
                });
                pipeline.AddTimeout(AttemptTimeout);
            });
        services.AddSingleton<SlackTokenWorkspaces>();
        services.TryAddSingleton<SlackExpiredTokens>();
        services.AddSingleton<SlackRateLimitGovernor>();
        services.AddSingleton<ISlackGateway, SlackGateway>();
        services.AddHttpClient<Application.Slack.Interactivity.ISlackResponder, SlackResponder>(client => client.Timeout = TimeSpan.FromSeconds(10))
            .RedactLoggedHeaders(_ => true);
        return services;
    }

    private static bool SpendsAGrant(HttpRequestMessage? request) =>
        request is not null
        && (request.RequestUri?.AbsolutePath.EndsWith("/oauth.v2.exchange", StringComparison.Ordinal) == true
            || ((IDictionary<string, object?>)request.Options).ContainsKey(SingleUseGrant));

    private static bool PostsAMessage(HttpRequestMessage? request) =>
        request?.RequestUri?.AbsolutePath.EndsWith("/chat.postMessage", StringComparison.Ordinal) == true;
}
