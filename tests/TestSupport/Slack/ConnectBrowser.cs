using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>
/// One person's browser in the connect flow: it opens the connect link on the host (the link names the public https
/// origin; the browser reaches the host as the proxy would), keeps the cookies the host sets, and follows Slack's
/// redirect back. Redirects are not followed automatically (Slack's consent page is the fake's business), and cookies
/// are kept here rather than in a <see cref="CookieContainer"/>, which would withhold Secure cookies over plain http.
/// </summary>
public sealed class ConnectBrowser(Uri host) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host };
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>The cookies as the host last set them (name → value), with their attributes in <see cref="LastSetCookies"/>.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public IReadOnlyList<SetCookieHeaderValue> LastSetCookies { get; private set; } = [];

    /// <summary>Opens the connect link; returns the host's answer (a 302 to Slack's consent page when all is well).</summary>
    public async Task<HttpResponseMessage> OpenAsync(string connectLink)
    {
        var link = new Uri(connectLink);
        return await SendAsync(link.PathAndQuery);
    }

    /// <summary>Opens the connect link and returns the OAuth state in Slack's consent URL it redirects to.</summary>
    public async Task<string> OpenForStateAsync(string connectLink)
    {
        using var response = await OpenAsync(connectLink);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } slack)
        {
            throw new InvalidOperationException($"The connect link answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return QueryHelpers.ParseQuery(slack.Query)["state"].ToString();
    }

    /// <summary>Slack sends the browser back to the redirect URL with this query (<c>code=…&amp;state=…</c> or <c>error=…</c>).</summary>
    public Task<HttpResponseMessage> ReturnFromSlackAsync(string query, bool acceptJson = false) =>
        SendAsync("/no-auth/provider-token/slack?" + query, acceptJson);

    public Task<HttpResponseMessage> ReturnFromSlackAsync(string code, string state, bool acceptJson = false) =>
        ReturnFromSlackAsync($"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}", acceptJson);

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string pathAndQuery, bool acceptJson = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (acceptJson)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        var response = await _http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. SetCookieHeaderValue.ParseList([.. values])] : [];
        foreach (var cookie in LastSetCookies)
        {
            var expired = cookie.Expires is { } expires && expires <= DateTimeOffset.UtcNow || cookie.MaxAge is { } age && age <= TimeSpan.Zero;
            if (expired || cookie.Value.Length == 0)
            {
                _cookies.Remove(cookie.Name.ToString());
            }
            else
            {
                _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
            }
        }

        return response;
    }
}
