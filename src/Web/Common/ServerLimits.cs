using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// How long and how slowly a client may take (<c>server:limits:*</c>). The body limits hold for every endpoint of the
/// integration in any host; the connection limits are applied to Kestrel when the host runs on it (a host that
/// configures Kestrel itself afterwards keeps its own values).
/// </summary>
public sealed class ServerLimits
{
    public const string SectionName = "server:limits";

    /// <summary>A request body (Slack's or the product API's) must arrive whole within this; otherwise 408.</summary>
    public int RequestBodyTimeoutSeconds { get; set; } = 10;

    /// <summary>Kestrel: a body slower than this many bytes per second (after the grace period) is cut off.</summary>
    public double MinRequestBodyDataRate { get; set; } = 240;

    public int MinRequestBodyGracePeriodSeconds { get; set; } = 5;

    /// <summary>Kestrel: the time a client has to send its request headers.</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>Kestrel: open connections at once; further ones wait in the listen backlog.</summary>
    public long MaxConcurrentConnections { get; set; } = 4096;

    public TimeSpan RequestBodyTimeout => TimeSpan.FromSeconds(RequestBodyTimeoutSeconds);

    internal static ServerLimits Read(IConfiguration configuration)
    {
        var limits = configuration.GetSection(SectionName).Get<ServerLimits>() ?? new ServerLimits();
        Require(limits.RequestBodyTimeoutSeconds > 0, "requestBodyTimeoutSeconds");
        Require(limits.MinRequestBodyDataRate > 0, "minRequestBodyDataRate");
        Require(limits.MinRequestBodyGracePeriodSeconds > 0, "minRequestBodyGracePeriodSeconds");
        Require(limits.RequestHeadersTimeoutSeconds > 0, "requestHeadersTimeoutSeconds");
        Require(limits.MaxConcurrentConnections > 0, "maxConcurrentConnections");
        return limits;
    }

    private static void Require(bool holds, string key)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"Configuration key '{SectionName}:{key}' must be a positive number.");
        }
    }
}

/// <summary>Puts <see cref="ServerLimits"/> on Kestrel.</summary>
internal sealed class KestrelLimitsSetup(ServerLimits limits) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        options.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyDataRate, TimeSpan.FromSeconds(limits.MinRequestBodyGracePeriodSeconds));
        options.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.RequestHeadersTimeoutSeconds);
        options.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
    }
}
