using Microsoft.AspNetCore.DataProtection;

namespace CodeStream.Integrations.Infrastructure.Slack.Security;

/// <summary>
/// This integration's own ASP.NET Core Data Protection provider (keys in <c>dataProtection:keysPath</c>, default
/// <c>./codestream-keys</c>), separate from any provider of an embedding host so neither disturbs the other.
/// </summary>
internal sealed class SecretProtection
{
    public const string KeysPathKey = "dataProtection:keysPath";
    public const string DefaultKeysFolder = "codestream-keys";
    private const string ApplicationName = "CodeStream.Integrations";

    public SecretProtection(string? keysPath)
    {
        var folder = new DirectoryInfo(string.IsNullOrWhiteSpace(keysPath) ? DefaultKeysFolder : keysPath);
        Provider = DataProtectionProvider.Create(folder, builder => builder.SetApplicationName(ApplicationName));
    }

    public IDataProtectionProvider Provider { get; }
}
