using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace CodeStream.Integrations.Web.FunctionalTests.Packaging;

/// <summary>
/// The four src projects are real NuGet packages, and a host outside the solution (<c>samples/EmbeddingHost</c>),
/// referencing only the packed <c>CodeStream.Integrations.Web</c>, embeds the integration with the two calls and serves.
/// Part of the normal test run: the fixture packs and builds once (about a minute on two cores).
/// </summary>
[Trait("Category", "Packaging")]
public sealed partial class PackedPackagesTests(PackedPackagesFixture packed, ITestOutputHelper output) : IClassFixture<PackedPackagesFixture>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Custom debug information kinds of a portable PDB (System.Reflection.Metadata's well-known GUIDs).</summary>
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static TheoryData<string> Layers
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var layer in PackedPackagesFixture.Layers)
            {
                data.Add(layer);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Package_CarriesAssemblyXmlDocsReadmeAndMetadata(string layer)
    {
        var id = $"CodeStream.Integrations.{layer}";
        using var package = ZipFile.OpenRead(packed.PackagePath(layer));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var listing = string.Join(Environment.NewLine, entries.Order(StringComparer.Ordinal));

        Assert.True(entries.Contains($"lib/net10.0/{id}.dll"), $"{id}.dll missing from:{Environment.NewLine}{listing}");
        Assert.True(entries.Contains($"lib/net10.0/{id}.xml"), $"{id}.xml (XML docs) missing from:{Environment.NewLine}{listing}");
        Assert.True(entries.Contains("package-readme.md"), $"package-readme.md missing from:{Environment.NewLine}{listing}");
        Assert.DoesNotContain(entries, e => e.EndsWith("appsettings.json", StringComparison.OrdinalIgnoreCase));

        var docs = XDocument.Parse(Read(package, $"lib/net10.0/{id}.xml"));
        Assert.Equal(id, docs.Root?.Element("assembly")?.Element("name")?.Value);

        var readme = Read(package, "package-readme.md");
        Assert.Contains("builder.Services.AddCodeStreamSlackIntegration(builder.Configuration)", readme, StringComparison.Ordinal);
        Assert.Contains("app.MapCodeStreamSlackEndpoints()", readme, StringComparison.Ordinal);

        var nuspecXml = Read(package, $"{id}.nuspec");
        var metadata = XDocument.Parse(nuspecXml).Root?.Elements().Single(e => e.Name.LocalName == "metadata")
            ?? throw new InvalidOperationException($"No <metadata> in:{Environment.NewLine}{nuspecXml}");
        string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(id, Field("id"));
        Assert.Equal(packed.Version, Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("package-readme.md", Field("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Field("authors")), nuspecXml);
        Assert.False(string.IsNullOrWhiteSpace(Field("description")), nuspecXml);
        Assert.Contains("slack", Field("tags") ?? "", StringComparison.Ordinal);

        // Source Link: the repository and the commit the package was built from.
        var repository = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository");
        Assert.True(repository is not null, $"No <repository> in:{Environment.NewLine}{nuspecXml}");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches(CommitId(), (string?)repository.Attribute("commit") ?? "");
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void Assembly_EmbedsItsPdbWithAllSources(string layer)
    {
        var id = $"CodeStream.Integrations.{layer}";
        using var package = ZipFile.OpenRead(packed.PackagePath(layer));
        using var assembly = new MemoryStream();
        using (var entry = package.GetEntry($"lib/net10.0/{id}.dll")!.Open())
        {
            entry.CopyTo(assembly);
        }

        assembly.Position = 0;
        using var pe = new PEReader(assembly);
        var embedded = pe.ReadDebugDirectory().Where(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
        Assert.True(embedded.Count == 1, $"{id}.dll has no embedded portable PDB");

        using var pdb = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
        var reader = pdb.GetMetadataReader();
        var sources = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Count(information => reader.GetGuid(information.Kind) == EmbeddedSourceKind);
        Assert.True(sources > 0, $"{id}.dll's PDB embeds no source file");
    }

    [Fact]
    public void WebPackage_DependsOnTheOtherLayersAtTheSameVersion()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath("Web"));
        var nuspecXml = Read(package, "CodeStream.Integrations.Web.nuspec");
        var dependencies = XDocument.Parse(nuspecXml).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!, StringComparer.Ordinal);

        Assert.True(dependencies.TryGetValue("CodeStream.Integrations.Application", out var application), nuspecXml);
        Assert.True(dependencies.TryGetValue("CodeStream.Integrations.Infrastructure", out var infrastructure), nuspecXml);
        Assert.Equal(packed.Version, application);
        Assert.Equal(packed.Version, infrastructure);
    }

    [Fact]
    public async Task Sample_BuiltFromThePackagesOnly_ServesHealthAndTheProviderActionProbe()
    {
        output.WriteLine(packed.Log);
        var port = FreeLoopbackPort();
        var database = Path.Combine(packed.WorkFolder, "embedding-host.db");
        await using var host = ExternalProcess.StartDotnet(
            Path.GetDirectoryName(packed.SampleDll)!,
            packed.SampleDll, "--urls", $"http://127.0.0.1:{port}", $"--storage:connectionString=Data Source={database}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        try
        {
            using (var live = await WaitUntilServingAsync(host, client, "/health/live"))
            {
                Expect(HttpStatusCode.OK, live.StatusCode, "GET /health/live", host);
            }

            using var probe = await client.GetAsync("/no-auth/provider-action/slack");
            var body = await probe.Content.ReadAsStringAsync();
            Expect(HttpStatusCode.NotFound, probe.StatusCode, "GET /no-auth/provider-action/slack", host);
            Assert.True(body == "Cannot GET /no-auth/provider-action/slack", $"Body was '{body}'. The host printed:{Environment.NewLine}{host.Output}");
            Assert.True(File.Exists(database), $"No database at {database}. The host printed:{Environment.NewLine}{host.Output}");
        }
        finally
        {
            await host.StopAsync();
            output.WriteLine(host.Output);
        }
    }

    private static async Task<HttpResponseMessage> WaitUntilServingAsync(ExternalProcess host, HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The sample host exited before serving:{Environment.NewLine}{host.Output}");
            }

            try
            {
                return await client.GetAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new TimeoutException($"The sample host did not serve {path} within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{host.Output}", e);
            }
        }
    }

    private static void Expect(HttpStatusCode expected, HttpStatusCode actual, string request, ExternalProcess host) =>
        Assert.True(expected == actual, $"{request} answered {(int)actual}, not {(int)expected}. The host printed:{Environment.NewLine}{host.Output}");

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Read(ZipArchive package, string entryName)
    {
        var entry = package.GetEntry(entryName) ?? throw new InvalidOperationException($"No {entryName} in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitId();
}
