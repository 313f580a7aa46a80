using System.Collections.Frozen;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>One Web API request, read the way Slack reads it: query, then form or JSON body; token from the header.</summary>
internal sealed record SlackRequest(
    string Method,
    IReadOnlyDictionary<string, string> Args,
    string RawBody,
    string? ContentType,
    string? Token,
    (string ClientId, string ClientSecret)? BasicCredentials,
    string? BodyError)
{
    public static async Task<SlackRequest> ReadAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in context.Request.Query)
        {
            args[name] = values.LastOrDefault() ?? "";
        }

        var contentType = context.Request.ContentType;
        var bodyError = IsJson(contentType) ? ReadJson(raw, args) : ReadForm(raw, args);
        var (bearer, basic) = ReadAuthorization(context.Request.Headers.Authorization.ToString());
        var token = bearer ?? (args.TryGetValue("token", out var fromArgs) && fromArgs.Length > 0 ? fromArgs : null);
        return new SlackRequest(method, args.ToFrozenDictionary(StringComparer.Ordinal), raw, contentType, token, basic, bodyError);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    private static string? ReadJson(string raw, Dictionary<string, string> args)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            return "invalid_json";
        }

        if (node is not JsonObject body)
        {
            return "invalid_json";
        }

        foreach (var (name, value) in body)
        {
            switch (value)
            {
                case null:
                    break;
                case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                    args[name] = scalar.GetValue<string>();
                    break;
                default:
                    args[name] = value.ToJsonString();
                    break;
            }
        }

        return null;
    }

    private static string? ReadForm(string raw, Dictionary<string, string> args)
    {
        foreach (var (name, values) in QueryHelpers.ParseQuery(raw))
        {
            args[name] = values.LastOrDefault() ?? "";
        }

        return null;
    }

    private static (string? Bearer, (string, string)? Basic) ReadAuthorization(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return (token.Length > 0 ? token : null, null);
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (null, (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..])));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (null, null);
    }
}
