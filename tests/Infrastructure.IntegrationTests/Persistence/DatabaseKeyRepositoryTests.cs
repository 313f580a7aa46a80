using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Security;
using CodeStream.Integrations.TestSupport.Databases;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

/// <summary>The key ring in the database: keys written by one provider are read by another; keys of the old folder are taken over.</summary>
public sealed class DatabaseKeyRepositoryTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task KeysStoredByOneProvider_UnprotectForAnotherOnTheSameDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var secret = ProviderOver(new DatabaseKeyRepository(database.Factory, null, TimeProvider.System, NullLogger<DatabaseKeyRepository>.Instance))
            .CreateProtector("test").Protect("xoxp-a-token");
        var reader = ProviderOver(new DatabaseKeyRepository(database.Factory, null, TimeProvider.System, NullLogger<DatabaseKeyRepository>.Instance));

        Assert.Equal("xoxp-a-token", reader.CreateProtector("test").Unprotect(secret));
        Assert.Equal(1, await database.CountAsync("data_protection_keys"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task KeysOfTheOldDefaultFolder_AreCopiedInOnce_SoTheirTokensStayReadable(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var legacy = Directory.CreateTempSubdirectory("codestream-legacy-keys-");
        try
        {
            var secret = DataProtectionProvider.Create(legacy, b => b.SetApplicationName("CodeStream.Integrations")).CreateProtector("test").Protect("xoxb-old");

            var repository = new DatabaseKeyRepository(database.Factory, legacy, TimeProvider.System, NullLogger<DatabaseKeyRepository>.Instance);
            var reader = ProviderOver(repository);

            Assert.Equal("xoxb-old", reader.CreateProtector("test").Unprotect(secret));
            Assert.Single(repository.GetAllElements());
            Assert.Equal(1, await database.CountAsync("data_protection_keys"));
        }
        finally
        {
            legacy.Delete(recursive: true);
        }
    }

    private static IDataProtectionProvider ProviderOver(DatabaseKeyRepository repository)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("CodeStream.Integrations");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }
}
