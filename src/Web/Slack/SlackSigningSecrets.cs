using System.Text;
using System.Text.Json;
using CodeStream.Integrations.Infrastructure.Slack;
using Microsoft.AspNetCore.WebUtilities;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The signing secrets, by app id. With one app its secret is used; with several, the body's <c>api_app_id</c> picks
/// one, read with a bounded, allocation-light scan. A body naming no app (Slack's own <c>url_verification</c> and
/// <c>ssl_check</c>) is checked against every secret; a body naming an app this host does not serve, against none.
/// </summary>
internal sealed class SlackSigningSecrets
{
    private readonly Dictionary<string, byte[][]> _keysByAppId;
    private readonly byte[][] _allKeys;

    public SlackSigningSecrets(SlackAppOptions options)
    {
        _keysByAppId = options.AllSigningSecrets().ToDictionary(p => p.Key, p => new[] { Encoding.UTF8.GetBytes(p.Value) }, StringComparer.Ordinal);
        _allKeys = [.. _keysByAppId.Values.Select(k => k[0])];
    }

    public bool IsEmpty => _allKeys.Length == 0;

    /// <summary>The keys to check this request body against; none when no secret is configured or the app is not ours.</summary>
    public IReadOnlyList<byte[]> KeysFor(ReadOnlySpan<byte> body, bool isForm)
    {
        if (_allKeys.Length <= 1)
        {
            return _allKeys;
        }

        var appId = isForm ? AppIdOfForm(body) : AppIdOfJson(body);
        return appId is null ? _allKeys : _keysByAppId.GetValueOrDefault(appId) ?? [];
    }

    // Parsed as the interactivity endpoint parses it, so both read the same 'payload'.
    private static string? AppIdOfForm(ReadOnlySpan<byte> body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue("payload", out var payload) && payload.Count > 0
            ? AppIdOfJson(Encoding.UTF8.GetBytes(payload[0] ?? string.Empty))
            : null;

    private static string? AppIdOfJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = SlackJsonCheck.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAppId = reader.ValueTextEquals("api_app_id"u8);
                reader.Read();
                if (isAppId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or an app id that is not text: no app named, so every key is tried, and the signature decides.
        }

        return null;
    }
}
