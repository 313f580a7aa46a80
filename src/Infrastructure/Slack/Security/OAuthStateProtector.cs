using System.Security.Cryptography;
using System.Text.Json;
using CodeStream.Integrations.Application.Common.Slack;
using Microsoft.AspNetCore.DataProtection;

namespace CodeStream.Integrations.Infrastructure.Slack.Security;

/// <summary>OAuth <c>state</c> as authenticated ciphertext: it cannot be read, forged or altered outside this host.</summary>
internal sealed class OAuthStateProtector(SecretProtection protection) : IOAuthStateProtector
{
    private readonly IDataProtector protector = protection.Provider.CreateProtector("CodeStream.Integrations.SlackOAuthState.v1");

    public string Protect(OAuthState state) => protector.Protect(JsonSerializer.Serialize(state));

    public OAuthState? Unprotect(string protectedState)
    {
        try
        {
            return JsonSerializer.Deserialize<OAuthState>(protector.Unprotect(protectedState));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
