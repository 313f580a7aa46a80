using System.Text;
using System.Text.Json;
using CodeStream.Integrations.Infrastructure.Slack;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The signing secrets, by app id (spec §4.6). With one app its secret is used; with several, the body's
/// <c>api_app_id</c> picks one, read with a bounded, allocation-light scan. Key bytes never leave this class.
/// </summary>
internal sealed class SlackSigningSecrets
{
    private readonly Dictionary<string, byte[]> keysByAppId;
    private readonly byte[]? onlyKey;

    public SlackSigningSecrets(SlackAppOptions options)
    {
        keysByAppId = options.AllSigningSecrets().ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value), StringComparer.Ordinal);
        onlyKey = keysByAppId.Count == 1 ? keysByAppId.Values.First() : null;
    }

    public bool IsEmpty => keysByAppId.Count == 0;

    /// <summary>The key for this request body, or <c>null</c> (no secret configured, or an unknown app id).</summary>
    public byte[]? KeyFor(ReadOnlySpan<byte> body, bool isForm)
    {
        if (onlyKey is not null || IsEmpty)
        {
            return onlyKey;
        }

        var appId = isForm ? AppIdOfForm(body) : AppIdOfJson(body);
        return appId is not null && keysByAppId.TryGetValue(appId, out var key) ? key : null;
    }

    private static string? AppIdOfForm(ReadOnlySpan<byte> body)
    {
        var form = Encoding.UTF8.GetString(body);
        foreach (var pair in form.Split('&'))
        {
            if (pair.StartsWith("payload=", StringComparison.Ordinal))
            {
                return AppIdOfJson(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(pair[8..].Replace('+', ' '))));
            }
        }

        return null;
    }

    private static string? AppIdOfJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
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
        catch (JsonException)
        {
            // Not JSON: no app id, so no key, so a reject.
        }

        return null;
    }
}
