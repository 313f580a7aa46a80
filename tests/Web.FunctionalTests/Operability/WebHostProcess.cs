using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>What a finished run of the standalone host printed.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string AllOutput => StandardOutput + Environment.NewLine + StandardError;
}

/// <summary>
/// The standalone host (<c>src/Web</c>) as operators run it: <c>dotnet CodeStream.Integrations.Web.dll</c> in a working
/// directory of its own (where it reads <c>appsettings.json</c>), with environment variables and command-line arguments.
/// </summary>
internal sealed partial class WebHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebHostProcess(Process process)
    {
        this._process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString() + Environment.NewLine + _errors.ToString();
            }
        }
    }

    /// <summary>The host's assembly, with its runtimeconfig beside it (the test output has both; else src/Web's own build).</summary>
    public static string WebDll
    {
        get
        {
            var here = typeof(DependencyInjection).Assembly.Location;
            if (File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json")))
            {
                return here;
            }

            var configuration = typeof(WebHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var built = Path.Combine(RepositoryRoot, "src", "Web", "bin", configuration, "net10.0", Path.GetFileName(here));
            return File.Exists(built) && File.Exists(Path.ChangeExtension(built, ".runtimeconfig.json"))
                ? built
                : throw new InvalidOperationException($"No runnable {Path.GetFileName(here)} (with its runtimeconfig) at {here} or {built}.");
        }
    }

    /// <summary>The folder holding CodeStream.Integrations.sln, found by walking up from the test output.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "CodeStream.Integrations.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException($"CodeStream.Integrations.sln not found above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The <c>dotnet</c> muxer running these tests.</summary>
    private static string DotnetHost
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            {
                return processPath;
            }

            // .../dotnet/shared/Microsoft.NETCore.App/<version>/ → .../dotnet/dotnet
            var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            var muxer = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(muxer) ? muxer : "dotnet";
        }
    }

    /// <summary>Starts the host on a free loopback port and waits until it says where it listens.</summary>
    public static async Task<WebHostProcess> StartAsync(
        string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var host = new WebHostProcess(Start(workingDirectory, [.. arguments, "--urls=http://127.0.0.1:0"], environment));
        host._process.OutputDataReceived += (_, e) => host.OnLine(e.Data, host._output);
        host._process.ErrorDataReceived += (_, e) => host.OnLine(e.Data, host._errors);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();

        var exited = host._process.WaitForExitAsync();
        var first = await Task.WhenAny(host._listening.Task, exited, Task.Delay(StartTimeout));
        if (first != host._listening.Task)
        {
            var reason = first == exited ? $"exited with {host._process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds} s";
            var printed = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException($"The host {reason}:{Environment.NewLine}{printed}");
        }

        host.BaseAddress = await host._listening.Task;
        return host;
    }

    /// <summary>Runs the host to its end (a one-shot command, or a start-up that fails) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(
        string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(workingDirectory, arguments, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? StartTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"The host did not exit within {(timeout ?? StartTimeout).TotalSeconds} s:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client of the product API, with its key.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Starts the host with <paramref name="settings"/> as command-line settings, in a working directory of its own.</summary>
    public static Task<WebHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings) =>
        StartAsync(Directory.CreateTempSubdirectory("codestream-host-").FullName, settings.Select(s => $"--{s.Key}={s.Value}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private static Process Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of the test process's own hosting set-up leaks into the operator's host.
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_gcServer"] = "0"; // a small machine runs many of these
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private void OnLine(string? line, StringBuilder into)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            into.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
