using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Hosting;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackOAuth;
using Microsoft.Extensions.DependencyInjection;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// Where the keys that encrypt Slack tokens live: beside the SQLite file by default, in the database by default on
/// PostgreSQL (shared by every host on it), and encrypted with a certificate when one is configured.
/// </summary>
public sealed class KeyRingTests
{
    private static readonly Dictionary<string, string?> DefaultKeyRing = new() { ["dataProtection:keysPath"] = null };

    [Fact]
    public async Task Sqlite_ByDefault_KeepsTheKeyRingBesideTheDatabaseFile()
    {
        await using var scenario = await SlackScenario.StartAsync(settings: DefaultKeyRing);
        await ConnectAdaAsync(scenario);

        var folder = Path.Combine(Path.GetDirectoryName(DataSource(scenario.Database))!, "codestream-keys");
        Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
        Assert.Equal(0, await DatabaseInspector.CountAsync(scenario.Database, "data_protection_keys"));
    }

    [SkippableFact]
    public async Task Postgres_ByDefault_KeepsTheKeyRingInTheDatabase_SoASecondHostReadsTheTokens()
    {
        await using var scenario = await SlackScenario.StartAsync(DatabaseProvider.Postgres, DefaultKeyRing);
        var adaId = await ConnectAdaAsync(scenario);
        Assert.True(await DatabaseInspector.CountAsync(scenario.Database, "data_protection_keys") >= 1);

        // A second host on the same database, with no folder of its own in common with the first.
        var settings = SlackScenario.SettingsFor(scenario.Slack, scenario.Database);
        settings["dataProtection:keysPath"] = null;
        await using var second = await TestHost.StartAsync(scenario.Database, settings);
        using var scope = second.Services.CreateScope();
        var installation = await scope.ServiceProvider.GetRequiredService<ISlackInstallationRepository>()
            .FindUserAsync(UserId.Parse(adaId), SlackTeamId.Parse(SlackScenario.SlackTeamId), CancellationToken.None);

        Assert.StartsWith("xoxp-", installation!.AccessToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_EncryptsTheKeyRingAtRest()
    {
        using var folder = new TempFolder();
        var pfx = folder.File("keys.pfx");
        WriteSelfSignedCertificate(pfx, "pfx-password");
        await using var scenario = await SlackScenario.StartAsync(settings: new Dictionary<string, string?>
        {
            ["dataProtection:keysPath"] = folder.File("keys"),
            ["dataProtection:certificatePath"] = pfx,
            ["dataProtection:certificatePassword"] = "pfx-password",
        });
        await ConnectAdaAsync(scenario);

        var key = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(folder.File("keys"), "key-*.xml")));
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.Contains("EncryptedXmlDecryptor", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal); // the secret itself is only inside the encrypted part
    }

    [Theory]
    [InlineData("missing.pfx", "does not exist")]
    [InlineData("keys.pfx", "could not be loaded")]
    public async Task Certificate_ThatCannotBeUsed_StopsStartupNamingTheKey(string file, string reason)
    {
        using var folder = new TempFolder();
        WriteSelfSignedCertificate(folder.File("keys.pfx"), "right-password");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHost.StartAsync(database, new Dictionary<string, string?>
        {
            ["dataProtection:certificatePath"] = folder.File(file),
            ["dataProtection:certificatePassword"] = "wrong-password",
        }));

        Assert.Contains("dataProtection:certificatePath", failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ConnectAdaAsync(SlackScenario scenario)
    {
        var (teamId, adaId) = await scenario.CreateTeamWithUserAsync();
        using var connected = await scenario.ConnectSlackAsync(adaId, teamId);
        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        return adaId;
    }

    private static string DataSource(TestDatabase database) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;

    private static void WriteSelfSignedCertificate(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CodeStream key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }
}
