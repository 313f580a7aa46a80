using System.Text;
using BenchmarkDotNet.Attributes;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Messages;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Benchmarks;

/// <summary>
/// Rendering a shared codemark: an issue with a Markdown text and 3 markers of 200 lines (≈ 60 characters each), so
/// every marker's code is cut to fit its 3000-character section (issue target: ≤ 50 µs, ≤ 64 KB allocated per render).
/// </summary>
[MemoryDiagnoser]
public class CodemarkCardBenchmarks
{
    private CodemarkCardInput _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        var markers = Enumerable.Range(1, 3)
            .Select(i => new Marker(
                MarkerId.Parse($"mk_0198c1d2e3f47a8b9c0d1e2f3a4b5c6{i}"),
                $"src/Services/Cache/Store{i}.cs",
                "acme/app",
                "0123456789abcdef0123456789abcdef01234567",
                100 * i,
                (100 * i) + 199,
                Code(200),
                $"https://github.com/acme/app/blob/main/src/Services/Cache/Store{i}.cs#L{100 * i}-L{(100 * i) + 199}"))
            .ToArray();
        var codemark = new Codemark(
            CodemarkId.Parse("cm_0198c1d2e3f47a8b9c0d1e2f3a4b5c6d"),
            TeamId.Parse("team_0198c1d2e3f47a8b9c0d1e2f3a4b5c6d"),
            PostId.Parse("post_0198c1d2e3f47a8b9c0d1e2f3a4b5c6d"),
            UserId.Parse("user_0198c1d2e3f47a8b9c0d1e2f3a4b5c6d"),
            CodemarkType.Issue,
            "Possible race when two requests refresh the same cache entry",
            "Two threads can write `_items[key]` at the same time & the **second** write wins.\n\n"
                + "- take the lock in `Refresh`\n- or use a `ConcurrentDictionary<string, Entry>`\n\n"
                + "@ada can you check? See [the docs](https://learn.microsoft.com/dotnet/standard/collections/thread-safe/).",
            markers,
            new DateTimeOffset(2025, 11, 23, 9, 0, 0, TimeSpan.Zero),
            null,
            null);
        _input = new CodemarkCardInput(
            codemark,
            "Ada Lovelace",
            new Uri("https://app.codestream.com/"),
            InteractiveComponentsEnabled: true,
            RepliesSyncFromSlack: true,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["ada"] = "U0AAA0001" });
    }

    [Benchmark]
    public SlackMessageContent Render() => CodemarkCard.Render(_input);

    private static string Code(int lines)
    {
        var code = new StringBuilder(lines * 62);
        for (var line = 0; line < lines; line++)
        {
            code.Append((line % 4) switch
            {
                0 => "        if (_items.TryGetValue(key, out var entry) && entry.Fresh)",
                1 => "            return entry.Value; // fast path: <no lock> & no copy",
                2 => "        lock (_gate) { _items[key] = await factory(key).Wait(); }",
                _ => "        // TODO: measure `Refresh` under load before changing it",
            });
            code.Append('\n');
        }

        return code.ToString();
    }
}
