using System.Net.Http.Json;
using System.Text.Json.Serialization;
using CodeStream.Integrations.Application.MsTeams.Common;

namespace CodeStream.Integrations.Infrastructure.MsTeams.BotConnector;

/// <summary>
/// The bot's own token for the Bot Connector: Entra ID's client-credentials grant (scope
/// <c>https://api.botframework.com/.default</c>), kept until 5 minutes before it expires, one request at a time.
/// Written by hand rather than with MSAL, which insists on https authorities (tests use loopback http; ADR 16).
/// </summary>
internal sealed class BotTokenClient(HttpClient http, MsTeamsOptions options, TimeProvider clock) : IDisposable
{
    public const string Scope = "https://api.botframework.com/.default";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CachedToken? _current; // one reference, read without the gate: never seen half-written

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } fresh && clock.GetUtcNow() < fresh.RenewAt)
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _current) is { } again && clock.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }

            var token = await RequestAsync(cancellationToken).ConfigureAwait(false);
            var lifetime = TimeSpan.FromSeconds(Math.Max(60, token.ExpiresIn));
            // Renew 5 minutes early, or halfway through a token shorter than 10 minutes.
            var renewAt = clock.GetUtcNow() + (lifetime > 2 * RenewBefore ? lifetime - RenewBefore : lifetime / 2);
            Volatile.Write(ref _current, new CachedToken(token.AccessToken!, renewAt));
            return token.AccessToken!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The connector refused the token (401): the next call asks for a new one.</summary>
    public void Forget() => Volatile.Write(ref _current, null);

    public void Dispose() => _gate.Dispose();

    private async Task<TokenResponse> RequestAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", options.AppClientId ?? string.Empty),
            new("client_secret", options.AppClientSecret ?? string.Empty),
            new("scope", Scope),
        ]);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri(options.EffectiveTokenUrl), form, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new BotConnectorException("token", 0, null, inner: exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // The body may name the client; it never holds the secret, but it is not needed either.
                throw new BotConnectorException("token", (int)response.StatusCode, response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? "invalid_client" : null);
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
            return token is { AccessToken.Length: > 0 } ? token : throw new BotConnectorException("token", (int)response.StatusCode, "no_token");
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    private sealed class TokenResponse
    {
        [JsonPropertyName("access_token")]
        public string? AccessToken { get; set; }

        [JsonPropertyName("expires_in")]
        public int ExpiresIn { get; set; }
    }
}
