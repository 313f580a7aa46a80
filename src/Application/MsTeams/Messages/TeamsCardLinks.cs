using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// The Teams card's links, the same as the Slack card's buttons (Slack/Messages/CodemarkButtons.cs) so that both lead
/// to the same places: <c>{base}codemark/{id}</c>, <c>{base}codemark/{id}/ide?markerId={markerId}</c> and the marker's
/// own http(s) remote code URL, named after its host.
/// </summary>
internal static class TeamsCardLinks
{
    /// <summary>The web app's base URL, ending with <c>/</c>.</summary>
    public static string BaseUrl(Uri webBaseUrl)
    {
        var url = webBaseUrl.IsAbsoluteUri ? webBaseUrl.AbsoluteUri : webBaseUrl.OriginalString;
        return url.EndsWith('/') ? url : url + "/";
    }

    public static string WebUrl(string baseUrl, Codemark codemark) =>
        string.Concat(baseUrl, "codemark/", Uri.EscapeDataString(codemark.Id.Value ?? string.Empty));

    public static string IdeUrl(string baseUrl, Codemark codemark, Marker marker) =>
        string.Concat(
            WebUrl(baseUrl, codemark),
            "/ide?markerId=",
            Uri.EscapeDataString(marker.Id.Value ?? string.Empty));

    /// <summary>The marker's remote code URL and its button title, when it is an absolute http(s) URL.</summary>
    public static (string Title, string Url)? Remote(Marker marker)
    {
        var remote = marker.RemoteCodeUrl;
        if (string.IsNullOrWhiteSpace(remote)
            || !Uri.TryCreate(remote.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        return (RemoteTitle(uri.Host), TeamsText.Clean(uri.AbsoluteUri, singleLine: true));
    }

    private static string RemoteTitle(string host)
    {
        if (IsHost(host, "github.com"))
        {
            return "Open on GitHub";
        }

        if (IsHost(host, "gitlab.com") || host.StartsWith("gitlab.", StringComparison.OrdinalIgnoreCase))
        {
            return "Open on GitLab";
        }

        if (IsHost(host, "bitbucket.org"))
        {
            return "Open on Bitbucket";
        }

        if (IsHost(host, "dev.azure.com") || IsHost(host, "visualstudio.com"))
        {
            return "Open on Azure DevOps";
        }

        return "Open Code";
    }

    private static bool IsHost(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[^(domain.Length + 1)] == '.');
}
