using System.Security.Cryptography.X509Certificates;
using CodeStream.Integrations.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.Security;

/// <summary>
/// This integration's own ASP.NET Core Data Protection provider, separate from any provider of an embedding host so
/// neither disturbs the other. Where its key ring lives and whether it is encrypted is <see cref="KeyRingOptions"/>.
/// </summary>
internal sealed class SecretProtection : IDisposable
{
    private const string ApplicationName = "CodeStream.Integrations";

    private readonly ServiceProvider _services;

    public SecretProtection(KeyRingOptions options, IDbConnectionFactory database, TimeProvider clock, ILoggerFactory loggers)
    {
        var collection = new ServiceCollection().AddSingleton(loggers);
        var builder = collection.AddDataProtection().SetApplicationName(ApplicationName);
        if (options.Store == KeyRingStore.Database)
        {
            var repository = new DatabaseKeyRepository(database, options.LegacyFolder, clock, loggers.CreateLogger<DatabaseKeyRepository>());
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        }
        else
        {
            builder.PersistKeysToFileSystem(options.Folder!);
        }

        if (options.Certificate is { } certificate)
        {
            builder.ProtectKeysWithCertificate(certificate);
        }

        _services = collection.BuildServiceProvider();
        Provider = _services.GetRequiredService<IDataProtectionProvider>();
    }

    public IDataProtectionProvider Provider { get; }

    public void Dispose() => _services.Dispose();
}

public enum KeyRingStore
{
    Folder,
    Database,
}

/// <summary>
/// Where the keys that encrypt tokens at rest live (<c>dataProtection:*</c>): a folder (<c>keysPath</c>; by default
/// <c>codestream-keys</c> beside the SQLite file) or, by default on PostgreSQL, the database itself; optionally
/// encrypted with a certificate (<c>certificatePath</c>, <c>certificatePassword</c>).
/// </summary>
public sealed class KeyRingOptions
{
    public const string KeysPathKey = "dataProtection:keysPath";
    public const string StoreKey = "dataProtection:store";
    public const string CertificatePathKey = "dataProtection:certificatePath";
    public const string CertificatePasswordKey = "dataProtection:certificatePassword";
    public const string DefaultFolderName = "codestream-keys";

    public KeyRingStore Store { get; private init; }

    public DirectoryInfo? Folder { get; private init; }

    /// <summary>Where keys were kept by default before (<c>./codestream-keys</c>), when it exists: read from, never written to.</summary>
    public DirectoryInfo? LegacyFolder { get; private init; }

    public X509Certificate2? Certificate { get; private init; }

    /// <summary>Reads and checks the settings; a bad value stops start-up with the key's name.</summary>
    public static KeyRingOptions Read(Microsoft.Extensions.Configuration.IConfiguration configuration, DatabaseProvider provider, string connectionString)
    {
        var keysPath = configuration[KeysPathKey];
        var store = configuration[StoreKey]?.Trim().ToUpperInvariant() switch
        {
            null or "" => !string.IsNullOrWhiteSpace(keysPath) || provider == DatabaseProvider.Sqlite ? KeyRingStore.Folder : KeyRingStore.Database,
            "FOLDER" => KeyRingStore.Folder,
            "DATABASE" => KeyRingStore.Database,
            var other => throw new InvalidOperationException($"Configuration key '{StoreKey}' has the unknown value '{other}'; use 'folder' or 'database'."),
        };

        var legacy = new DirectoryInfo(Path.GetFullPath(DefaultFolderName));
        var folder = store == KeyRingStore.Database ? null
            : !string.IsNullOrWhiteSpace(keysPath) ? new DirectoryInfo(Path.GetFullPath(keysPath))
            : BesideTheDatabase(provider, connectionString) is { } beside && (beside.Exists || !legacy.Exists) ? beside
            : legacy;
        return new KeyRingOptions
        {
            Store = store,
            Folder = folder,
            LegacyFolder = store == KeyRingStore.Database && string.IsNullOrWhiteSpace(keysPath) && legacy.Exists ? legacy : null,
            Certificate = LoadCertificate(configuration[CertificatePathKey], configuration[CertificatePasswordKey]),
        };
    }

    private static DirectoryInfo? BesideTheDatabase(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrWhiteSpace(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : new DirectoryInfo(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, DefaultFolderName));
    }

    private static X509Certificate2? LoadCertificate(string? path, string? password)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Configuration key '{CertificatePathKey}' names a file that does not exist: '{path}'.");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"The certificate at '{CertificatePathKey}' has no private key; Data Protection needs one to read its keys.");
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new InvalidOperationException($"The certificate at '{CertificatePathKey}' could not be loaded (wrong '{CertificatePasswordKey}'?): {exception.Message}");
        }
    }
}
