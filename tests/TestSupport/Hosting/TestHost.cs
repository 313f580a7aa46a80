using System.Net.Http.Headers;
using CodeStream.Integrations.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.TestSupport.Hosting;

/// <summary>
/// The real host on Kestrel at 127.0.0.1 (a free port), built exactly as any embedding host builds it: the two calls
/// <c>AddCodeStreamSlackIntegration</c> and <c>MapCodeStreamSlackEndpoints</c>. Tests talk to it over real HTTP.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";

    private readonly WebApplication _app;

    private TestHost(WebApplication app, Uri baseAddress)
    {
        this._app = app;
        BaseAddress = baseAddress;
        Client = CreateClient(ApiKey);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client that sends the configured API key.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestHost> StartAsync(
        IDictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices = null,
        ILoggerProvider? loggerProvider = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["api:keys:0"] = ApiKey });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (loggerProvider is not null)
        {
            builder.Logging.AddProvider(loggerProvider);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        builder.Services.AddCodeStreamSlackIntegration(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapCodeStreamSlackEndpoints();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address));
    }

    /// <summary>The host on a test database, with the settings that select it.</summary>
    public static Task<TestHost> StartAsync(
        Databases.TestDatabase database,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        ILoggerProvider? loggerProvider = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["storage:provider"] = database.ProviderName,
            ["storage:connectionString"] = database.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return StartAsync(all, configureServices, loggerProvider);
    }

    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
