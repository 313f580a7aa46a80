using CodeStream.Integrations.Infrastructure.Slack;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The connect cookie: the browser nonce of one connect flow. HttpOnly (no script reads it), SameSite=Lax (sent on
/// Slack's top-level redirect back, not on cross-site subrequests), Secure when the public origin is https, scoped to
/// the connect paths and living only as long as the state.
/// </summary>
internal sealed class SlackConnectCookie(IConfiguration configuration)
{
    public const string Name = "codestream_slack_connect";

    private readonly bool _secure = SlackConfiguration.ReadPublicOrigin(configuration).Scheme == Uri.UriSchemeHttps;

    public void Set(HttpContext http, string nonce, DateTimeOffset expiresAt) =>
        http.Response.Cookies.Append(Name, nonce, Options(http, expiresAt));

    public string? Read(HttpContext http) => http.Request.Cookies.TryGetValue(Name, out var nonce) ? nonce : null;

    public void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, expiresAt: null));

    private CookieOptions Options(HttpContext http, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = _secure,
        Path = http.Request.PathBase.Add(SlackOAuthEndpoints.RedirectPath).Value,
        Expires = expiresAt,
        IsEssential = true,
    };
}
