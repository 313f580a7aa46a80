using System.Text.Json;
using CodeStream.Integrations.Infrastructure.MsTeams;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CodeStream.Integrations.Web.MsTeams;

/// <summary>
/// docs/msteams.md, "Authentication": the bearer token the Bot Framework channel sends with every activity. RS256,
/// a key from the OpenID metadata's <c>jwks_uri</c> (cached; an unknown <c>kid</c> refreshes it, at most every 10 s,
/// so a rotation is picked up well within 30 s), issuer <c>https://api.botframework.com</c>, audience the bot's app id,
/// lifetime with 5 minutes' skew; then the key's <c>endorsements</c> must include the activity's channel and the
/// token's <c>serviceurl</c> claim must equal the activity's service URL.
/// </summary>
internal sealed class TeamsTokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    private const int RefreshWaits = 10;
    private static readonly TimeSpan RefreshThrottle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RefreshPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _missingKeys = new(StringComparer.Ordinal);
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly MsTeamsOptions _options;

    public TeamsTokenValidator(MsTeamsOptions options, IHttpClientFactory clients)
    {
        _options = options;
        var metadataUrl = new Uri(options.OpenIdMetadataUrl);
        var http = clients.CreateClient(nameof(TeamsTokenValidator));
        http.Timeout = MetadataTimeout; // Teams gives up on an activity after about 15 s
        var retriever = new HttpDocumentRetriever(http) { RequireHttps = metadataUrl.Scheme == Uri.UriSchemeHttps };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(options.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = RefreshThrottle,
        };
    }

    /// <summary>The token's claims when it is valid for this bot; otherwise the reason (naming no secret).</summary>
    public async Task<TeamsTokenCheck> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 16_384)
        {
            return TeamsTokenCheck.Refused("Send the Bot Framework token as 'Authorization: Bearer <token>'.");
        }

        var token = authorization["Bearer ".Length..].Trim();
        var configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && KeyIdOf(token) is { } kid && !RecentlyMissing(kid))
        {
            // A key we have not seen: Microsoft may have rotated its keys. Ask for the metadata again (throttled) and
            // retry once the refresh, which IdentityModel runs in the background, has brought the key, or gave up.
            _metadata.RequestRefresh();
            for (var wait = 0; wait < RefreshWaits && !configuration.SigningKeys.Any(k => k.KeyId == kid); wait++)
            {
                await Task.Delay(RefreshPoll, cancellationToken).ConfigureAwait(false);
                configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            }

            result = await _handler.ValidateTokenAsync(token, Parameters(configuration)).ConfigureAwait(false);
            if (!configuration.SigningKeys.Any(k => k.KeyId == kid))
            {
                // Still unknown after a refresh: a made-up kid. The next tokens with it fail at once, for the throttle's time.
                _missingKeys[kid] = DateTimeOffset.UtcNow + RefreshThrottle;
            }
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return TeamsTokenCheck.Refused(Describe(result.Exception));
        }

        // The endorsements of the key that verified the signature (a token without a kid is tried against every key).
        var signedWith = jwt.SigningKey?.KeyId ?? jwt.Kid;
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == signedWith);
        return TeamsTokenCheck.Valid(jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) ? serviceUrl : null, Endorsements(key));
    }

    private bool RecentlyMissing(string kid)
    {
        if (_missingKeys.Count > 1_000)
        {
            _missingKeys.Clear(); // bounded: a flood of made-up kids costs at most a refresh per throttle period
        }

        return _missingKeys.TryGetValue(kid, out var until) && until > DateTimeOffset.UtcNow;
    }

    private string? KeyIdOf(string token)
    {
        try
        {
            return _handler.CanReadToken(token) ? _handler.ReadJsonWebToken(token).Kid : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = BotFrameworkIssuer,
        ValidAudience = _options.AppClientId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromMinutes(5),
    };

    private static IReadOnlyList<string> Endorsements(JsonWebKey? key)
    {
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<object> items => [.. items.Select(i => i?.ToString()).OfType<string>()],
            _ => [],
        };
    }

    // What went wrong, in words that name no key, token or secret.
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidIssuerException => "The token was not issued by the Bot Framework.",
        SecurityTokenInvalidAudienceException => "The token is not for this bot.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key the Bot Framework does not list.",
        SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenInvalidAlgorithmException => "The token is not signed with RS256.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        _ => "The token is not valid.",
    };
}

/// <summary>A token check: valid (its service URL claim and its key's endorsements) or refused with a reason.</summary>
internal sealed record TeamsTokenCheck(bool IsValid, string? ServiceUrl, IReadOnlyList<string> Endorsements, string? Reason)
{
    public static TeamsTokenCheck Valid(string? serviceUrl, IReadOnlyList<string> endorsements) => new(true, serviceUrl, endorsements, null);

    public static TeamsTokenCheck Refused(string reason) => new(false, null, [], reason);
}
