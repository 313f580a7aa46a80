using System.Security.Cryptography;
using CodeStream.Integrations.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;

namespace CodeStream.Integrations.Infrastructure.Slack.Security;

/// <summary>Encrypts Slack tokens for storage (authenticated encryption); the database never holds a token in clear.</summary>
internal sealed class TokenProtector(SecretProtection protection)
{
    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector = protection.Provider.CreateProtector("CodeStream.Integrations.SlackTokens.v1");

    public string Protect(string token) => Prefix + _protector.Protect(token);

    public string? ProtectOptional(string? token) => token is null ? null : Protect(token);

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("A stored Slack token is not in the expected protected format.");
        }

        return _protector.Unprotect(stored[Prefix.Length..]);
    }

    public string? UnprotectOptional(string? stored) => stored is null ? null : Unprotect(stored);
}
