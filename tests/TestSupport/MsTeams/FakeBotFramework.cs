using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// A stateful fake of Microsoft's Bot Framework for a Teams bot, on Kestrel at 127.0.0.1 (a free port): the Entra ID
/// client-credentials token endpoint (bot → bearer token), the Bot Connector REST API at <see cref="ServiceUrl"/>
/// (threads, replies, edits, deletes, members, channels) and the channel's OpenID metadata and JWKS (to validate the
/// tokens Teams sends with inbound activities, which <see cref="IssueChannelToken"/> makes). Seed teams, channels and
/// members, point the code under test at the URLs, then inspect what was posted and every call received.
/// </summary>
public sealed partial class FakeBotFramework : IAsyncDisposable
{
    private const string ConnectorSegment = "connector";

    private readonly BotFrameworkState _state;
    private readonly BotFrameworkKeys _keys = new();
    private WebApplication? _app;
    private int _disposed;

    private FakeBotFramework(TimeProvider time)
    {
        _state = new BotFrameworkState(time);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>, with the trailing slash: the root of every URL below.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><c>{base}v1/.well-known/openidconfiguration</c>, as <c>https://login.botframework.com/v1/.well-known/openidconfiguration</c>.</summary>
    public Uri OpenIdMetadataUrl => new(BaseUrl, "v1/.well-known/openidconfiguration");

    /// <summary><c>{base}v1/.well-known/keys</c>: the channel's signing keys (the metadata's <c>jwks_uri</c>).</summary>
    public Uri JwksUrl => new(BaseUrl, "v1/.well-known/keys");

    /// <summary>The Bot Connector, <c>{base}connector/</c> with the trailing slash, as <c>https://smba.trafficmanager.net/amer/</c>.</summary>
    public Uri ServiceUrl => new(BaseUrl, ConnectorSegment + "/");

    /// <summary>
    /// How long every request waits before it is answered, as the network to Microsoft would (tens of milliseconds).
    /// Zero by default; load runs use 100 ms.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The token endpoint of a tenant, <c>{base}{tenantId}/oauth2/v2.0/token</c>, as <c>https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token</c>.</summary>
    public string TokenUrl(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return $"{BaseUrl}{Uri.EscapeDataString(tenantId)}/oauth2/v2.0/token";
    }

    /// <param name="timeProvider">The clock for message ids, token expiry and token lifetimes; the system clock by default.</param>
    public static async Task<FakeBotFramework> StartAsync(TimeProvider? timeProvider = null)
    {
        var server = new FakeBotFramework(timeProvider ?? TimeProvider.System);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server._app = app;
        server.BaseUrl = new Uri(address, "/");
        return server;
    }

    /// <summary>Stops the server and frees the signing keys.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _keys.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var receivedAt = _state.Now;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var method = context.Request.Method;
        var segments = PathSegments(context);
        var path = "/" + string.Join('/', segments);
        var header = context.Request.Headers.Authorization;
        var authorization = StringValues.IsNullOrEmpty(header) ? null : header.ToString();
        BotFrameworkResponse response;
        lock (_state.Gate)
        {
            response = _state.Faults.TryAnswer(method, path, oauthShape: IsTokenRoute(method, segments))
                ?? Route(method, segments, body, authorization);
            _state.Calls.Add(new BotConnectorCall(method, path, body, authorization, response.StatusCode, receivedAt));
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentType = BotFrameworkResponse.JsonContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    /// <summary>Runs the request against the state. Called under the state lock.</summary>
    private BotFrameworkResponse Route(string method, string[] segments, string body, string? authorization)
    {
        if (HttpMethods.IsGet(method) && segments is ["v1", ".well-known", "openidconfiguration"])
        {
            return BotFrameworkResponse.Json(200, BotFrameworkKeys.OpenIdMetadata(JwksUrl));
        }

        if (HttpMethods.IsGet(method) && segments is ["v1", ".well-known", "keys"])
        {
            return BotFrameworkResponse.Json(200, _keys.Jwks());
        }

        if (IsTokenRoute(method, segments))
        {
            return BotTokenEndpoint.Handle(_state, segments[0], body);
        }

        if (segments is [ConnectorSegment, .. var route])
        {
            return BotConnectorRoutes.Handle(_state, method, route, body, authorization);
        }

        return BotFrameworkResponse.Empty(404);
    }

    private static bool IsTokenRoute(string method, string[] segments) =>
        HttpMethods.IsPost(method) && segments is [_, "oauth2", "v2.0", "token"];

    /// <summary>
    /// The path's segments, each percent-decoded once from the raw request target: conversation ids carry ':' ';' '@'
    /// and '=' that clients may encode, and decoding per segment keeps an encoded '/' inside its segment.
    /// </summary>
    private static string[] PathSegments(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || !target.StartsWith('/'))
        {
            target = context.Request.Path.Value ?? "";
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            target = target[..query];
        }

        return target.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment => Uri.UnescapeDataString(segment)).ToArray();
    }
}
