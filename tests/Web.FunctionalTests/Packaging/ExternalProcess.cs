using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CodeStream.Integrations.Web.FunctionalTests.Packaging;

/// <summary>What a finished external command printed, stdout and stderr interleaved as they came.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public string Describe() => $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs <c>dotnet</c> as a developer would from a shell, with a timeout, capturing all it prints. Nothing of the test
/// host's own MSBuild or ASP.NET Core set-up leaks into the child.
/// </summary>
internal sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExternalProcess(Process process, string commandLine)
    {
        this._process = process;
        CommandLine = commandLine;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string CommandLine { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The <c>dotnet</c> muxer running these tests.</summary>
    public static string Dotnet
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

    /// <summary>Starts <c>dotnet</c> with the arguments; the caller waits, stops or disposes it.</summary>
    public static ExternalProcess StartDotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` runs us under variables that point MSBuild at its own instance and ASP.NET Core at its own
        // URLs; a developer's shell has none of them.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || name is "DOTNET_ENVIRONMENT" or "DOTNET_HOST_PATH")
            {
                start.Environment.Remove(name);
            }
        }

        // No build server or reused MSBuild node may outlive the command: one would hold our output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_gcServer"] = "0";

        var commandLine = "dotnet " + string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"`{commandLine}` did not start.");
        process.StandardInput.Close();
        return new ExternalProcess(process, commandLine);
    }

    /// <summary>Runs <c>dotnet</c> to its end; past the timeout it is killed, with everything it printed in the message.</summary>
    public static async Task<CommandResult> RunDotnetAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        await using var command = StartDotnet(workingDirectory, arguments);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await command._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await command.StopAsync();
            throw new TimeoutException(
                $"`{command.CommandLine}` did not finish within {timeout.TotalSeconds} s:{Environment.NewLine}{command.Output}");
        }

        return new CommandResult(command.CommandLine, command._process.ExitCode, command.Output, clock.Elapsed);
    }

    /// <summary>Kills the process and its children, and waits for them.</summary>
    public async Task StopAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, already reaped, or stuck beyond our patience: nothing more to do.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
