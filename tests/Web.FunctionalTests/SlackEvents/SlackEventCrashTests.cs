using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using Xunit.Abstractions;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// Spec §5.1 "a crash after the 200 loses nothing": a separate host process acknowledges 100 thread replies with its
/// processor off, is killed (no graceful stop), and a new host on the same database applies every one exactly once.
/// </summary>
public sealed class SlackEventCrashTests(ITestOutputHelper output)
{
    private const int EventCount = 100;

    [Fact]
    public async Task AcknowledgedEvents_WhenTheHostIsKilledBeforeProcessing_AreAllAppliedOnceByTheNextHost()
    {
        var keysPath = Path.Combine(Path.GetTempPath(), "codestream-tests", "keys-crash-" + Guid.NewGuid().ToString("N"));
        var idle = new Dictionary<string, string?>
        {
            ["dataProtection:keysPath"] = keysPath,
            ["workQueue:processorEnabled"] = "false",
        };

        // The first in-process host only serves the product API here (connect, codemark, share); it processes nothing.
        await using var thread = await SharedThread.StartAsync(settings: idle);
        var settings = SlackScenario.SettingsFor(thread.Slack, thread.Database);
        settings["dataProtection:keysPath"] = keysPath;
        settings["storage:provider"] = thread.Database.ProviderName;
        settings["storage:connectionString"] = thread.Database.ConnectionString;
        settings["workQueue:processorEnabled"] = "false";
        settings["api:keys:0"] = TestHost.ApiKey;

        var events = Enumerable.Range(0, EventCount)
            .Select(i => (EventId: $"EvCrash{i:D4}", Ts: thread.WriteInThread(text: $"reply {i}")))
            .ToList();

        var port = FreePort();
        var logs = new ConcurrentQueue<string>();
        using (var process = StartHostProcess(settings, port, logs))
        {
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await WaitUntilReadyAsync(client, process, logs);

                var statuses = await Task.WhenAll(events.Select(async e =>
                {
                    using var response = await SharedThread.PostSignedAsync(client, SlackEvent.ThreadReply(e.EventId, e.Ts, thread.RootTs, text: $"reply {e.EventId}"));
                    return response.StatusCode;
                }));
                Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
                Assert.Equal(EventCount, await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Pending'"));
                Assert.Equal(0, await thread.CountAsync("posts"));
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                foreach (var line in logs)
                {
                    output.WriteLine(line);
                }
            }
        }

        // A new host on the same database, processor on: the acknowledged events are resumed.
        settings["workQueue:processorEnabled"] = "true";
        await using var next = await TestHost.StartAsync(settings);
        await SlackScenario.WaitUntilAsync(
            async () => await thread.CountAsync("work_items", "kind = 'slack-event' AND state = 'Done'") == EventCount,
            TimeSpan.FromSeconds(90),
            because: "every acknowledged event is applied after the restart");

        Assert.Equal(EventCount, await thread.CountAsync("posts"));
        Assert.Equal(EventCount, await thread.CountAsync("slack_message_copies"));
        Assert.Equal(EventCount, await thread.CountAsync("work_items", "kind = 'slack-event'"));
        var replies = await thread.RepliesAsync();
        Assert.Equal(EventCount, replies.Count);
        var syncedTs = replies.Select(r => (string)r!["sharedTo"]![0]!["postId"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(events.Select(e => e.Ts).Order(StringComparer.Ordinal), syncedTs);
    }

    private static Process StartHostProcess(IDictionary<string, string?> settings, int port, ConcurrentQueue<string> logs)
    {
        var webDll = typeof(CodeStream.Integrations.Web.DependencyInjection).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(logs, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(logs, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string> logs, string? line)
    {
        if (line is not null && logs.Count < 2000)
        {
            logs.Enqueue(line);
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process process, ConcurrentQueue<string> logs)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host process exited with {process.ExitCode}:\n{string.Join('\n', logs)}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The host process did not get ready:\n{string.Join('\n', logs)}");
    }

    /// <summary>The dotnet muxer running these tests (what <c>dotnet test</c> passes on), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
