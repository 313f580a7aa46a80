using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Interactivity;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

/// <summary>
/// Posts ephemeral answers to an interaction's <c>response_url</c> (it needs no token: the URL is the credential). Only
/// Slack's own https hosts, and those an operator lists (<c>responseUrlAllowedHosts</c>), are ever called: a payload
/// naming any other URL would make this host a request relay.
/// </summary>
internal sealed partial class SlackResponder(HttpClient http, SlackSettings settings, ILogger<SlackResponder> logger) : ISlackResponder
{
    private static readonly string[] SlackHosts = ["hooks.slack.com", "hooks.slack-gov.com"];

    public async Task PostEphemeralAsync(Uri responseUrl, string text, CancellationToken cancellationToken)
    {
        if (!IsAllowed(responseUrl))
        {
            LogRefused(logger, responseUrl.Scheme, responseUrl.Host);
            return;
        }

        var body = new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = text };
        using var response = await http.PostAsJsonAsync(responseUrl, body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri && string.IsNullOrEmpty(url.UserInfo)
        && (url.Scheme == Uri.UriSchemeHttps && SlackHosts.Contains(url.IdnHost, StringComparer.OrdinalIgnoreCase)
            || url.Scheme is "https" or "http" && settings.ResponseUrlAllowedHosts.Contains(url.IdnHost, StringComparer.OrdinalIgnoreCase));

    // Only scheme and host: the path of a response_url is its credential.
    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Not calling a response_url on {Scheme}://{Host}: not Slack's, and not in responseUrlAllowedHosts")]
    private static partial void LogRefused(ILogger logger, string scheme, string host);
}
