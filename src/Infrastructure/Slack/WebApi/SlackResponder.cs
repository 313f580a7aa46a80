using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.SlackInteractivity;

namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

/// <summary>Posts ephemeral answers to an interaction's <c>response_url</c> (it needs no token: the URL is the credential).</summary>
internal sealed class SlackResponder(HttpClient http) : ISlackResponder
{
    public async Task PostEphemeralAsync(Uri responseUrl, string text, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = text };
        using var response = await http.PostAsJsonAsync(responseUrl, body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
