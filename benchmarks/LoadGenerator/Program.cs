using System.Diagnostics;
using System.Text.Json.Nodes;
using CodeStream.Integrations.LoadGenerator;
using CodeStream.Integrations.TestSupport.Slack;

// Load runs against the real host process with a fake Slack on loopback (docs/benchmarks.md).
//   dotnet run -c Release --project benchmarks/LoadGenerator -- events [--seconds 20] [--connections 64] [--warmup-seconds 0] [--postgres "<conn>"]
//   dotnet run -c Release --project benchmarks/LoadGenerator -- clicks [--seconds 60] [--rate 32] [--postgres "<conn>"]
//   dotnet run -c Release --project benchmarks/LoadGenerator -- slow-bodies [--seconds 30] [--connections 500]
//   dotnet run -c Release --project benchmarks/LoadGenerator -- socket-events [--seconds 20] [--window 256 | --rate N] [--socket-connections 2]
// The fake Slack answers every call after --slack-latency-ms (100 by default), as slack.com does from a data centre.
var mode = args.FirstOrDefault() ?? "events";
var seconds = IntArg("--seconds", mode == "clicks" ? 60 : 20);

var postgres = StringArg("--postgres");

// The host as built next to this generator's configuration (src/Web/bin/<Configuration>/net10.0), run as operators run it.
var repo = new DirectoryInfo(AppContext.BaseDirectory);
while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "CodeStream.Integrations.sln")))
{
    repo = repo.Parent;
}

var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
var webDll = Path.Combine(repo!.FullName, "src", "Web", "bin", configuration, "net10.0", "CodeStream.Integrations.Web.dll");
var work = Directory.CreateTempSubdirectory("codestream-load-");
await using var slack = await FakeSlackServer.StartAsync();
slack.Latency = TimeSpan.FromMilliseconds(IntArg("--slack-latency-ms", 100));
var world = new World(slack);
world.Seed();

var settings = new Dictionary<string, string>
{
    ["storage:provider"] = postgres is null ? "sqlite" : "postgres",
    ["storage:connectionString"] = postgres ?? $"Data Source={Path.Combine(work.FullName, "codestream.db")}",
    ["api:keys:0"] = World.ApiKey,
    ["integrations:slack:cloud:appClientId"] = World.ClientId,
    ["integrations:slack:cloud:appClientSecret"] = World.ClientSecret,
    ["integrations:slack:cloud:appId"] = World.AppId,
    ["integrations:slack:cloud:appSigningSecret"] = World.SigningSecret,
    ["integrations:slack:cloud:apiBaseUrl"] = slack.ApiBaseUrl.ToString(),
    ["apiServer:publicOrigin"] = "https://codestream.example.com",
    ["dataProtection:keysPath"] = Path.Combine(work.FullName, "keys"),
    // --ack-only: measure acknowledgement alone (nothing processed during the run).
    ["workQueue:processorEnabled"] = args.Contains("--ack-only") ? "false" : "true",
};

if (mode == "socket-events")
{
    settings["integrations:slack:cloud:socketMode"] = "true";
    settings["integrations:slack:cloud:appLevelToken"] = slack.SocketMode.AddAppLevelToken(World.AppId);
    settings["integrations:slack:cloud:socketModeConnections"] = IntArg("--socket-connections", 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

// --set key=value passes any other host setting (e.g. --set workQueue:parallelism=4).
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
    {
        settings[key] = value;
    }
}

await using var host = await HostProcess.StartAsync(webDll, settings);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseAddress };
http.DefaultRequestHeaders.Authorization = new("Bearer", World.ApiKey);
var (codemarkId, rootTs) = await world.PrepareSharedCodemarkAsync(http);
Console.WriteLine($"host pid {host.ProcessId} on {(postgres is null ? "SQLite" : "PostgreSQL")}; codemark {codemarkId} shared as {rootTs}");

if (mode == "clicks")
{
    await RunClicksAsync();
}
else if (mode == "socket-events")
{
    await new SocketEvents(slack, host, rootTs).RunAsync(seconds, IntArg("--window", 256), IntArg("--rate", 0), IntArg("--socket-connections", 2));
    Console.WriteLine($"inbox counts after the drain: {(await DrainAsync())?.ToJsonString()}");
    await WorkTimeline.ReportAsync(settings["storage:provider"], settings["storage:connectionString"]);
}
else if (mode == "slow-bodies")
{
    await new SlowBodies(host, world, http).RunAsync(IntArg("--connections", 500), IntArg("--seconds", 30), rootTs);
}
else
{
    await RunEventsAsync();
}

async Task RunEventsAsync()
{
    // --rate N: an open loop at N events/s (a steady stream); otherwise --connections closed loops as fast as the host answers.
    var rate = IntArg("--rate", 0);
    var connections = IntArg("--connections", 64);
    var latencies = new Latencies();
    long sequence = 0, acknowledged = 0, refused = 0;

    async Task SendOneAsync()
    {
        var n = Interlocked.Increment(ref sequence);
        var body = World.ThreadReplyEvent($"EvLoad{n:D9}", $"{1_800_000_000 + n}.000200", rootTs, $"load reply {n} with <@{World.AdaSlackId}> &amp; `code`");
        var started = Stopwatch.GetTimestamp();
        using var response = await world.PostSignedAsync(http, "/no-auth/provider-action/slack-events", body);
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Interlocked.Increment(ref response.IsSuccessStatusCode ? ref acknowledged : ref refused);
    }

    // --connections closed loops, each sending its next event once the last is answered, until the clock reaches the time.
    Task SendClosedLoopsAsync(Stopwatch clock, int forSeconds) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (clock.Elapsed.TotalSeconds < forSeconds)
            {
                await SendOneAsync();
            }
        }));

    // --warmup-seconds N: a burst first, drained and left to settle, so the measured run meets code the JIT has
    // already optimised (as in a host that has been up for a while); its events are not counted.
    var warmup = IntArg("--warmup-seconds", 0);
    var measuredFrom = 0L;
    if (warmup > 0)
    {
        await SendClosedLoopsAsync(Stopwatch.StartNew(), warmup);
        await DrainAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Console.WriteLine($"warm-up: {acknowledged} events sent for {warmup} s and drained; not counted below");
        acknowledged = refused = 0;
        latencies = new Latencies();
        measuredFrom = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    var deadline = Stopwatch.StartNew();
    var cpuBefore = host.CpuSeconds();

    if (rate > 0)
    {
        var sent = new List<Task>();
        for (long i = 0; deadline.Elapsed.TotalSeconds < seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > deadline.Elapsed)
            {
                await Task.Delay(due - deadline.Elapsed);
            }

            sent.Add(SendOneAsync());
        }

        await Task.WhenAll(sent);
    }
    else
    {
        await SendClosedLoopsAsync(deadline, seconds);
    }

    var elapsed = deadline.Elapsed.TotalSeconds;

    var drain = Stopwatch.StartNew();
    var counts = args.Contains("--ack-only") ? null : await DrainAsync();

    Console.WriteLine($"events: {acknowledged} acknowledged, {refused} refused in {elapsed:0.0} s = {acknowledged / elapsed:0} events/s");
    Console.WriteLine($"ack latency: p50 {latencies.Percentile(50):0.0} ms, p99 {latencies.Percentile(99):0.0} ms, max {latencies.Percentile(100):0.0} ms");
    Console.WriteLine($"all processed {drain.Elapsed.TotalSeconds:0.0} s after the run; inbox counts {counts?.ToJsonString()}");
    var cpu = host.CpuSeconds() - cpuBefore;
    Console.WriteLine($"host CPU {cpu:0.0} s for the run and the drain = {cpu * 1000 / Math.Max(1, acknowledged):0.00} ms per event");
    Console.WriteLine($"host peak RSS {host.PeakRssMiB():0} MiB, now {host.RssMiB():0} MiB");
    var settle = IntArg("--settle-seconds", 10);
    if (settle > 0)
    {
        // The host, idle now, gives back what the burst grew (IdleMemoryTrim): its size once settled.
        await Task.Delay(TimeSpan.FromSeconds(settle));
        Console.WriteLine($"host RSS {settle} s after the drain {host.RssMiB():0} MiB");
    }

    if (!args.Contains("--ack-only"))
    {
        await WorkTimeline.ReportAsync(settings["storage:provider"], settings["storage:connectionString"], measuredFrom);
    }
}

// Waits (bounded by --drain-seconds) until nothing is pending or processing; returns the inbox counts.
async Task<JsonNode?> DrainAsync()
{
    var drain = Stopwatch.StartNew();
    JsonNode? counts = null;
    while (drain.Elapsed < TimeSpan.FromSeconds(IntArg("--drain-seconds", 120)))
    {
        counts = JsonNode.Parse(await http.GetStringAsync("/api/v1/slack/inbox?state=failed"))!["counts"];
        if ((long)counts!["pending"]! == 0 && (long)counts["processing"]! == 0)
        {
            break;
        }

        await Task.Delay(1000); // Counting the inbox is work for the database too: look once a second.
    }

    return counts;
}

async Task RunClicksAsync()
{
    var rate = IntArg("--rate", 32);
    var clicks = new List<Task<double>>();
    var clock = Stopwatch.StartNew();
    for (var i = 0; clock.Elapsed.TotalSeconds < seconds; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / rate);
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed);
        }

        var trigger = $"{1_763_889_300 + i}.4242.load{i:D6}";
        slack.RegisterTrigger(trigger);
        clicks.Add(ClickAsync(trigger, codemarkId));
    }

    var results = await Task.WhenAll(clicks);
    var latencies = new Latencies();
    foreach (var result in results.Where(r => !double.IsNaN(r)))
    {
        latencies.Add(result);
    }

    Console.WriteLine($"clicks: {clicks.Count} sent at {rate}/s for {seconds} s; views.open issued for {latencies.Count}");
    Console.WriteLine($"receipt → views.open: p50 {latencies.Percentile(50):0.0} ms, p99 {latencies.Percentile(99):0.0} ms, max {latencies.Percentile(100):0.0} ms");
    Console.WriteLine($"host peak RSS {host.PeakRssMiB():0} MiB");
}

async Task<double> ClickAsync(string trigger, string codemark)
{
    var body = "payload=" + Uri.EscapeDataString(World.ReplyButtonClick(trigger, codemark, world.TeamId!));
    var sent = DateTimeOffset.UtcNow;
    using var response = await world.PostSignedAsync(http, "/no-auth/provider-action/slack", body, "application/x-www-form-urlencoded");
    var view = slack.OpenedViews.FirstOrDefault(v => v.TriggerId == trigger);
    return response.IsSuccessStatusCode && view is not null ? (view.OpenedAt - sent).TotalMilliseconds : double.NaN;
}

int IntArg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? StringArg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
