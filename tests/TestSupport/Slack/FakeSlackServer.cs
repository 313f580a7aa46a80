using System.Net;
using System.Text;
using System.Text.Json;
using CodeStream.Integrations.TestSupport.Slack.SocketMode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>
/// A stateful fake of Slack's Web API on Kestrel at 127.0.0.1 (a free port), answering like slack.com:
/// <c>POST {ApiBaseUrl}{method}</c> with form or JSON arguments and a bearer token, HTTP 200 with <c>{"ok":...}</c>.
/// Seed it (workspaces, users, bots, channels, tokens), point the code under test at <see cref="ApiBaseUrl"/>,
/// then inspect what it received and stored. Also serves response URLs (<see cref="NewResponseUrl"/>).
/// </summary>
public sealed partial class FakeSlackServer : IAsyncDisposable
{
    /// <summary>The fault key of response URL posts, for <see cref="FailNext"/>.</summary>
    public const string ResponseUrlMethod = "response_url";

    private const string ApiPrefix = "/api/";
    private const string ResponseUrlPrefix = "/response-url/";

    private readonly FakeSlackState _state;
    private readonly SlackMethodDispatcher _dispatcher = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _disposed;

    private FakeSlackServer(TimeProvider time)
    {
        _state = new FakeSlackState(time);
        SocketModeMethods.Register(_dispatcher, SocketMode);
    }

    /// <summary>Slack's Socket Mode: app-level tokens, connections, envelopes and their acknowledgements.</summary>
    public FakeSocketModeServer SocketMode { get; } = new();

    /// <summary><c>http://127.0.0.1:{port}/api/</c>, with the trailing slash, as <c>https://slack.com/api/</c>.</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:{port}/response-url/</c>.</summary>
    public Uri ResponseUrlBase { get; private set; } = null!;

    /// <summary>
    /// How long every Web API call and response URL post takes before it is answered, as the network to slack.com
    /// would (50–150 ms from a data centre). Zero by default; load runs use 100 ms.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The methods the fake implements.</summary>
    public IEnumerable<string> SupportedMethods => _dispatcher.Methods;

    /// <param name="timeProvider">The clock for ts, token expiry and status expiration; the system clock by default.</param>
    public static async Task<FakeSlackServer> StartAsync(TimeProvider? timeProvider = null)
    {
        var server = new FakeSlackServer(timeProvider ?? TimeProvider.System);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server._app = app;
        server.ApiBaseUrl = new Uri(address, ApiPrefix);
        server.ResponseUrlBase = new Uri(address, ResponseUrlPrefix);
        server.SocketMode.BaseUrl = new UriBuilder(address) { Scheme = "ws" }.Uri;
        return server;
    }

    /// <summary>Stops the server; requests held by <see cref="SlackFault.Hang"/> are aborted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await SocketMode.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var path = context.Request.Path.Value ?? "";
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (path.StartsWith(ApiPrefix, StringComparison.Ordinal) && path.Length > ApiPrefix.Length
            && (isPost || HttpMethods.IsGet(context.Request.Method)))
        {
            await HandleApiAsync(context, path[ApiPrefix.Length..]);
        }
        else if (path == FakeSocketModeServer.PathPrefix && HttpMethods.IsGet(context.Request.Method))
        {
            await SocketMode.AcceptAsync(context);
        }
        else if (path.StartsWith(ResponseUrlPrefix, StringComparison.Ordinal) && isPost)
        {
            await HandleResponseUrlAsync(context, path[ResponseUrlPrefix.Length..]);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task HandleApiAsync(HttpContext context, string method)
    {
        var receivedAt = _state.Now;
        var request = await SlackRequest.ReadAsync(context, method);
        SlackFault? fault;
        SlackHttpResponse? response;
        lock (_state.Gate)
        {
            fault = _state.Faults.TryDequeue(method)
                ?? (_state.OverRateLimit(method, request.Token) is { } retryAfter ? SlackFault.RateLimited(retryAfter) : null);
            response = fault switch
            {
                null => _dispatcher.Invoke(_state, request),
                { Kind: SlackFaultKind.Hang } => null,
                { Kind: SlackFaultKind.AnswerLost } => RunAndLoseTheAnswer(request),
                _ => SlackFaultQueue.Render(fault),
            };
            _state.Calls.Add(new RecordedCall
            {
                Method = method,
                Args = request.Args,
                RawBody = request.RawBody,
                ContentType = request.ContentType,
                Token = request.Token,
                ReceivedAt = receivedAt,
                Fault = fault,
                StatusCode = response?.StatusCode,
                ResponseBody = response?.Body,
                Error = response?.ErrorCode,
            });
        }

        await AnswerAsync(context, response);
    }

    private async Task HandleResponseUrlAsync(HttpContext context, string id)
    {
        var receivedAt = _state.Now;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        SlackHttpResponse? response;
        lock (_state.Gate)
        {
            if (!_state.ResponseUrls.TryGetValue(id, out var posts))
            {
                response = SlackHttpResponse.Json(404, SlackJson.Error("expired_url"));
            }
            else
            {
                var fault = _state.Faults.TryDequeue(ResponseUrlMethod);
                response = fault switch
                {
                    null => IsJson(body)
                        ? SlackHttpResponse.Json(200, new() { ["ok"] = true })
                        : new SlackHttpResponse(400, "invalid_payload", "text/plain; charset=utf-8", []),
                    { Kind: SlackFaultKind.Hang } => null,
                    _ => SlackFaultQueue.Render(fault),
                };
                posts.Add(new ResponseUrlPost(id, body, context.Request.ContentType, receivedAt, fault));
            }
        }

        await AnswerAsync(context, response);
    }

    /// <summary>Writes the answer, or for a hang waits until the client gives up or the server stops, then aborts.</summary>
    private async Task AnswerAsync(HttpContext context, SlackHttpResponse? response)
    {
        if (response is null)
        {
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, hang.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
            }

            return;
        }

        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Runs the method and drops its answer (the caller hangs until it gives up). Called under the state lock.</summary>
    private SlackHttpResponse? RunAndLoseTheAnswer(SlackRequest request)
    {
        _dispatcher.Invoke(_state, request);
        return null;
    }

    private static bool IsJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
