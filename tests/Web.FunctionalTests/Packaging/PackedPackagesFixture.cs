using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CodeStream.Integrations.Web.FunctionalTests.Packaging;

/// <summary>
/// Packs the four src projects into a fresh folder feed and builds <c>samples/EmbeddingHost</c> against it, once for the
/// tests of <see cref="PackedPackagesTests"/>. Every run packs a version of its own (<c>0.1.0-test…</c>), so the global
/// NuGet cache never serves a copy packed by an earlier run; those versions are removed from the cache afterwards.
/// All build output goes to a temporary folder: nothing is written to the work tree but an empty
/// <c>artifacts/packages</c> (the sample's nuget.config names it, and NuGet fails on a missing local source).
/// </summary>
public sealed class PackedPackagesFixture : IAsyncLifetime
{
    public static readonly string[] Layers = ["Domain", "Application", "Infrastructure", "Web"];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan SampleBuildTimeout = TimeSpan.FromMinutes(3);

    private readonly StringBuilder _log = new();

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string WorkFolder { get; } = Path.Combine(Path.GetTempPath(), "codestream-packaging-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A version no earlier run used: the global packages folder cannot hold a stale copy of it.</summary>
    public string Version { get; } = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
        + Guid.NewGuid().ToString("N")[..6];

    public string Feed => Path.Combine(WorkFolder, "feed");

    /// <summary>The sample's built assembly, with its runtimeconfig and dependencies beside it.</summary>
    public string SampleDll { get; private set; } = null!;

    /// <summary>What each step took, and the commands, for the test output.</summary>
    public string Log => _log.ToString();

    public string PackagePath(string layer) => Path.Combine(Feed, $"CodeStream.Integrations.{layer}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkFolder);
        Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts", "packages"));

        // `dotnet pack` takes one project or solution: a solution of just the four src projects packs them in one go,
        // Web with package dependencies on Application and Infrastructure at the same version.
        var solution = Path.Combine(WorkFolder, "src-only.slnx");
        await File.WriteAllTextAsync(solution, "<Solution>" + string.Concat(Layers.Select(layer =>
            $"""<Project Path="{Path.Combine(RepositoryRoot, "src", layer, layer + ".csproj")}" />""")) + "</Solution>");

        var pack = await ExternalProcess.RunDotnetAsync(RepositoryRoot, PackTimeout,
            "pack", solution, "-c", "Release", "-o", Feed, $"-p:VersionSuffix={Version["0.1.0-".Length..]}",
            "--artifacts-path", Path.Combine(WorkFolder, "src-artifacts"), "--disable-build-servers", "-nologo");
        Record(pack);
        Require(pack.ExitCode == 0, "dotnet pack failed", pack);
        Require(!HasWarnings(pack), "dotnet pack warned", pack);
        foreach (var layer in Layers)
        {
            Require(File.Exists(PackagePath(layer)), $"no {Path.GetFileName(PackagePath(layer))} in the feed", pack);
        }

        var sampleArtifacts = Path.Combine(WorkFolder, "sample-artifacts");
        var build = await ExternalProcess.RunDotnetAsync(RepositoryRoot, SampleBuildTimeout,
            "build", Path.Combine(RepositoryRoot, "samples", "EmbeddingHost", "EmbeddingHost.csproj"),
            $"-p:CodeStreamVersion={Version}", $"-p:RestoreAdditionalProjectSources={Feed}",
            "--artifacts-path", sampleArtifacts, "--disable-build-servers", "-nologo");
        Record(build);
        Require(build.ExitCode == 0, "the sample did not build against the packages", build);
        Require(!HasWarnings(build), "the sample's build warned", build);

        SampleDll = Directory.GetFiles(Path.Combine(sampleArtifacts, "bin"), "EmbeddingHost.dll", SearchOption.AllDirectories)
            .SingleOrDefault() ?? throw new InvalidOperationException($"No EmbeddingHost.dll under {sampleArtifacts}.{Environment.NewLine}{build.Describe()}");
    }

    public Task DisposeAsync()
    {
        TryDelete(WorkFolder);

        // The sample's restore put this run's packages in the global packages folder; no later run can use them.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var layer in Layers)
        {
            var idFolder = Path.Combine(globalPackages, $"codestream.integrations.{layer}".ToLowerInvariant());
            TryDelete(Path.Combine(idFolder, Version.ToLowerInvariant()));
            if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
            {
                TryDelete(idFolder);
            }
        }

        return Task.CompletedTask;
    }

    public void Record(string line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private void Record(CommandResult result) =>
        Record($"{result.Elapsed.TotalSeconds,6:F1} s  exit {result.ExitCode}  {result.CommandLine}");

    /// <summary>MSBuild, the compiler and NuGet all print warnings as "<origin>: warning [CODE]: text".</summary>
    private static bool HasWarnings(CommandResult result) => result.Output.Contains(": warning ", StringComparison.OrdinalIgnoreCase);

    private static void Require(bool condition, string what, CommandResult result)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{what}: {result.Describe()}");
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Debug.WriteLine($"Could not delete {folder}: {e.Message}");
        }
    }

    /// <summary>The folder holding CodeStream.Integrations.sln, found by walking up from the test output.</summary>
    private static string FindRepositoryRoot()
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
