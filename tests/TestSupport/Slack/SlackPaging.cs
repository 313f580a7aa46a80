using System.Text;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>
/// Slack's cursor paging: an opaque base64 <c>next_cursor</c> naming the first item of the next page
/// (like the fixture's <c>dGVhbTpDMDYxRkE1UEI=</c>, "team:C061FA5PB"), empty on the last page.
/// </summary>
internal static class SlackPaging
{
    public static (IReadOnlyList<T> Page, string NextCursor) Page<T>(
        IReadOnlyList<T> items, Func<T, string> key, string prefix, string? cursor, int limit)
    {
        var start = 0;
        if (cursor is not null)
        {
            var wanted = Decode(cursor, prefix);
            start = FindIndex(items, key, wanted);
            if (start < 0)
            {
                throw new SlackApiException("invalid_cursor");
            }
        }

        var page = items.Skip(start).Take(limit).ToArray();
        var next = start + page.Length < items.Count ? Encode(prefix, key(items[start + page.Length])) : "";
        return (page, next);
    }

    public static JsonObject Metadata(string nextCursor) => new() { ["next_cursor"] = nextCursor };

    private static int FindIndex<T>(IReadOnlyList<T> items, Func<T, string> key, string wanted)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (key(items[i]) == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Encode(string prefix, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{prefix}:{key}"));

    private static string Decode(string cursor, string prefix)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith(prefix + ":", StringComparison.Ordinal)
                ? text[(prefix.Length + 1)..]
                : throw new SlackApiException("invalid_cursor");
        }
        catch (FormatException)
        {
            throw new SlackApiException("invalid_cursor");
        }
    }
}
