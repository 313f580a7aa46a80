namespace CodeStream.Integrations.Infrastructure.Slack.WebApi;

/// <summary>Follows Slack's <c>response_metadata.next_cursor</c> until it is empty, with a bound against endless paging.</summary>
internal static class SlackPaging
{
    public const int MaxPages = 200;

    public static async Task<IReadOnlyList<TItem>> CollectAsync<TItem>(
        Func<string?, Task<(IEnumerable<TItem> Items, string? NextCursor)>> fetchPage)
    {
        var all = new List<TItem>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var (items, next) = await fetchPage(cursor).ConfigureAwait(false);
            all.AddRange(items);
            if (string.IsNullOrEmpty(next))
            {
                return all;
            }

            cursor = next;
        }

        return all;
    }
}
