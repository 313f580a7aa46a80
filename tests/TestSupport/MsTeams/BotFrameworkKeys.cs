using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// The Bot Framework channel's signing keys: the RSA keys that sign inbound activity tokens, published (with their
/// endorsements, the channels a key may sign for) as the JWKS behind the OpenID metadata. Removing a key drops it from
/// the JWKS (a rotation) but keeps it for signing, so tests can send tokens signed by a retired key.
/// The key lists must be used under the state lock; the unlisted key and token signing need no lock.
/// </summary>
internal sealed class BotFrameworkKeys : IDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";

    private readonly List<SigningKey> _listed = [];
    private readonly Dictionary<string, SigningKey> _all = new(StringComparer.Ordinal);
    private readonly Lazy<SigningKey> _unlisted = new(() => SigningKey.Create([]));

    public BotFrameworkKeys()
    {
        var first = SigningKey.Create(["msteams"]);
        Add(first);
        DefaultKeyId = first.Kid;
    }

    public string DefaultKeyId { get; }

    /// <summary>Publishes a key created (slowly: RSA key generation) outside the lock with <see cref="SigningKey.Create"/>.</summary>
    public void Add(SigningKey key)
    {
        _listed.Add(key);
        _all[key.Kid] = key;
    }

    public void Remove(string kid)
    {
        if (_listed.RemoveAll(k => k.Kid == kid) == 0)
        {
            throw new InvalidOperationException(
                _all.ContainsKey(kid) ? $"Signing key {kid} was already removed." : $"Signing key {kid} was never added (AddSigningKey).");
        }
    }

    /// <summary>Credentials of a key ever added (listed or removed): the default key when <paramref name="kid"/> is null.</summary>
    public SigningCredentials Credentials(string? kid)
    {
        var key = _all.GetValueOrDefault(kid ?? DefaultKeyId)
            ?? throw new ArgumentException($"Signing key {kid} was never added (AddSigningKey).", nameof(kid));
        return key.Credentials(key.Kid);
    }

    /// <summary>
    /// Credentials of a key that is never in the JWKS. With <paramref name="kid"/> the header names that kid (a forged
    /// signature under a published kid); without, it names the unlisted key's own kid (a kid the JWKS does not have).
    /// </summary>
    public SigningCredentials UnlistedCredentials(string? kid) => _unlisted.Value.Credentials(kid ?? _unlisted.Value.Kid);

    /// <summary><c>GET v1/.well-known/keys</c>: the listed keys, in the order they were added.</summary>
    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(_listed.Select(k => (JsonNode?)k.Jwk()).ToArray()),
    };

    /// <summary><c>GET v1/.well-known/openidconfiguration</c>, as login.botframework.com answers it.</summary>
    public static JsonObject OpenIdMetadata(Uri jwksUrl) => new()
    {
        ["issuer"] = ChannelIssuer,
        ["authorization_endpoint"] = "https://invalid.botframework.com",
        ["jwks_uri"] = jwksUrl.ToString(),
        ["id_token_signing_alg_values_supported"] = new JsonArray(JsonValue.Create("RS256")),
        ["token_endpoint_auth_methods_supported"] = new JsonArray(JsonValue.Create("private_key_jwt")),
    };

    /// <summary>
    /// An RS256 JWT as the channel sends with an activity: header <c>kid</c>; claims <c>iss</c>, <c>aud</c>,
    /// <c>nbf</c>, <c>iat</c> (= nbf), <c>exp</c> and, unless null, <c>serviceurl</c> (lower case, as Bot Framework writes it).
    /// </summary>
    public static string CreateToken(
        SigningCredentials credentials, string issuer, string audience, DateTimeOffset notBefore, DateTimeOffset expires, string? serviceUrl)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore.UtcDateTime,
            IssuedAt = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
            IncludeKeyIdInHeader = true,
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose()
    {
        foreach (var key in _all.Values)
        {
            key.Dispose();
        }

        if (_unlisted.IsValueCreated)
        {
            _unlisted.Value.Dispose();
        }
    }
}

/// <summary>One RSA-2048 key of the channel with its key id and endorsements.</summary>
internal sealed class SigningKey : IDisposable
{
    private readonly RSA _rsa;
    private readonly JsonObject _jwk;

    private SigningKey(string kid, RSA rsa, IReadOnlyList<string> endorsements)
    {
        Kid = kid;
        _rsa = rsa;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        _jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
        };
    }

    public string Kid { get; }

    public static SigningKey Create(IReadOnlyList<string> endorsements) =>
        new(Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)), RSA.Create(2048), endorsements);

    /// <summary>The JWK as the JWKS lists it (a fresh copy: a node can have one parent).</summary>
    public JsonObject Jwk() => (JsonObject)_jwk.DeepClone();

    /// <summary>Signs with this key; the header names <paramref name="headerKid"/>.</summary>
    public SigningCredentials Credentials(string headerKid) =>
        new(new RsaSecurityKey(_rsa) { KeyId = headerKid }, SecurityAlgorithms.RsaSha256);

    public void Dispose() => _rsa.Dispose();
}
