using Microsoft.IdentityModel.Tokens;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>The channel's signing keys (the JWKS) and the inbound activity tokens Teams signs with them.</summary>
public sealed partial class FakeBotFramework
{
    /// <summary>
    /// The kid of the key created at start, endorsed for <c>msteams</c>; tokens are signed with it by default, even
    /// after <see cref="RemoveSigningKey"/> drops it from the JWKS.
    /// </summary>
    public string DefaultKeyId => _keys.DefaultKeyId;

    /// <summary>A new RSA key, listed in the JWKS with these endorsements (e.g. <c>"msteams"</c>); returns its kid.</summary>
    public string AddSigningKey(params string[] endorsements)
    {
        ArgumentNullException.ThrowIfNull(endorsements);
        var key = SigningKey.Create(endorsements);
        lock (_state.Gate)
        {
            _keys.Add(key);
        }

        return key.Kid;
    }

    /// <summary>Drops the key from the JWKS, as a key rotation does; tokens can still be signed with it.</summary>
    public void RemoveSigningKey(string kid)
    {
        lock (_state.Gate)
        {
            _keys.Remove(kid);
        }
    }

    /// <summary>
    /// An inbound activity token as the Bot Framework channel signs it: RS256, header <c>kid</c>, claims <c>iss</c>,
    /// <c>aud</c> (the bot's app id), <c>nbf</c>, <c>iat</c>, <c>exp</c> and <c>serviceurl</c> (lower case).
    /// By default signed with <see cref="DefaultKeyId"/>, valid from one minute ago for an hour; with only
    /// <paramref name="expires"/> given it starts an hour before that or a minute ago, whichever is earlier.
    /// </summary>
    /// <param name="kid">A key from <see cref="AddSigningKey"/> (or removed since); the default key when null.</param>
    /// <param name="unlistedKey">
    /// Signs with a key that is never in the JWKS: the header names <paramref name="kid"/> when given (a bad signature
    /// under a published kid), else the unlisted key's own kid (a kid the JWKS does not have).
    /// </param>
    /// <param name="omitServiceUrl">Leaves out the <c>serviceurl</c> claim.</param>
    public string IssueChannelToken(
        string audience,
        string serviceUrl,
        string? kid = null,
        string issuer = "https://api.botframework.com",
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        bool unlistedKey = false,
        bool omitServiceUrl = false)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(issuer);
        var now = _state.Now;
        var defaultStart = now - TimeSpan.FromMinutes(1);
        if (expires is { } end && end - TimeSpan.FromHours(1) < defaultStart)
        {
            defaultStart = end - TimeSpan.FromHours(1);
        }

        var start = notBefore ?? defaultStart;
        var finish = expires ?? start + TimeSpan.FromHours(1);
        SigningCredentials credentials;
        if (unlistedKey)
        {
            credentials = _keys.UnlistedCredentials(kid);
        }
        else
        {
            lock (_state.Gate)
            {
                credentials = _keys.Credentials(kid);
            }
        }

        return BotFrameworkKeys.CreateToken(credentials, issuer, audience, start, finish, omitServiceUrl ? null : serviceUrl);
    }
}
