using System.Security.Cryptography;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Connect;
using CodeStream.Integrations.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;

namespace CodeStream.Integrations.Infrastructure.Slack.Security;

/// <summary>Connect tickets and OAuth <c>state</c> as authenticated ciphertext: unreadable, unforgeable and unalterable outside this host.</summary>
internal sealed class OAuthStateProtector(SecretProtection protection) : IOAuthStateProtector
{
    // v2: the state carries the browser nonce's hash (v1 states, without it, no longer verify).
    private readonly IDataProtector _states = protection.Provider.CreateProtector("CodeStream.Integrations.SlackOAuthState.v2");
    private readonly IDataProtector _tickets = protection.Provider.CreateProtector("CodeStream.Integrations.SlackConnectTicket.v1");

    public string ProtectTicket(SlackConnectTicket ticket) => _tickets.Protect(JsonSerializer.Serialize(ticket));

    public SlackConnectTicket? UnprotectTicket(string protectedTicket) => Read<SlackConnectTicket>(_tickets, protectedTicket);

    public string Protect(OAuthState state) => _states.Protect(JsonSerializer.Serialize(state));

    public OAuthState? Unprotect(string protectedState) => Read<OAuthState>(_states, protectedState);

    private static T? Read<T>(IDataProtector protector, string protectedText)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(protectedText));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
