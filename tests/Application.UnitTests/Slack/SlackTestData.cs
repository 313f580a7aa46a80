using System.Text;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Application.UnitTests.Slack;

/// <summary>Fixed codemarks for golden files, and a seeded generator of hostile ones.</summary>
internal static class SlackTestData
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 11, 23, 9, 0, 0, TimeSpan.Zero);
    public static readonly Uri WebBaseUrl = new("https://app.codestream.com/");
    public static readonly CodemarkId CodemarkId = CodemarkId.Parse("cm_01");
    public static readonly TeamId TeamId = TeamId.Parse("team_01");

    public static readonly IReadOnlyDictionary<string, string> SlackUsers =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["ada"] = "U0AAA0001", ["grace"] = "U0BBB0002" };

    public static Marker Marker(
        string id = "mk_01",
        string file = "src/Cache/Store.cs",
        string? repo = "acme/app",
        int startLine = 12,
        int endLine = 20,
        string code = "lock (_gate)\n{\n    _items[key] = value;\n}",
        string? remoteCodeUrl = "https://github.com/acme/app/blob/main/src/Cache/Store.cs#L12-L20") =>
        new(MarkerId.Parse(id), file, repo, "abc123", startLine, endLine, code, remoteCodeUrl);

    public static Codemark Codemark(CodemarkType type, string? title, string text, params Marker[] markers) =>
        new(CodemarkId, TeamId, PostId.Parse("post_01"), UserId.Parse("user_01"), type, title, text, markers, CreatedAt, null, null);

    /// <summary>One representative codemark per type, as the golden files show them.</summary>
    public static Codemark ForType(CodemarkType type) => type switch
    {
        CodemarkType.Issue => Codemark(
            CodemarkType.Issue,
            "Possible race on `_items`",
            "Two threads write here & read there: **both** need the lock, @ada.\n\n- see <Store>\n- see [the docs](https://learn.microsoft.com/dotnet?a=1&b=2)",
            Marker()),
        CodemarkType.Question => Codemark(
            CodemarkType.Question,
            "Why ConfigureAwait(false)?",
            "Is it still needed in _library_ code? @grace @here",
            Marker(remoteCodeUrl: "https://bitbucket.org/acme/app/src/main/src/Cache/Store.cs#lines-12:20")),
        CodemarkType.Bookmark => Codemark(
            CodemarkType.Bookmark,
            "Retry policy",
            string.Empty,
            Marker(startLine: 7, endLine: 7, code: "services.AddResilience();", remoteCodeUrl: "https://dev.azure.com/acme/app/_git/app?path=/src/Startup.cs")),
        CodemarkType.Trap => Codemark(
            CodemarkType.Trap,
            null,
            "Do not change this without ~~asking~~ telling #ops",
            Marker(repo: null, file: "config/limits.yml", startLine: 1, endLine: 3, code: "max: 10\nmin: 1\nwindow: 5s", remoteCodeUrl: "https://git.acme.dev/app/config/limits.yml")),
        CodemarkType.Link => Codemark(
            CodemarkType.Link,
            null,
            "Permalink",
            Marker(code: "x => x < 10 && x > 2", remoteCodeUrl: null)),
        _ => Codemark(
            CodemarkType.Comment,
            null,
            "# Nice\nThis `Dictionary<string, int>` could be a *FrozenDictionary* — thanks @Grace!",
            Marker(remoteCodeUrl: "https://gitlab.com/acme/app/-/blob/main/src/Cache/Store.cs#L12-20"),
            Marker(id: "mk_02", file: "src/Cache/Reader.cs", startLine: 40, endLine: 41, code: "```\nnested fence\n```", remoteCodeUrl: "https://github.com/acme/app/blob/main/src/Cache/Reader.cs#L40")),
    };

    // ---- Random hostile input ----

    private static readonly string[] Fragments =
    [
        "&", "<", ">", "&amp;", "&lt;", "<@U123>", "<!here>", "`", "``", "```", "````", "\n```\n", "~~~", "*", "**", "_", "__", "~", "~~",
        "[", "]", "(", ")", "[x](https://example.com/a_b?c=1&d=2)", "![i](http://x.y/z.png)", "<https://example.com>", "https://example.com/a_b_",
        "@ada", "@grace.", "@here", "@channel", "@everyone", "@nobody", "a@b.com", "# ", "## ", "- ", "* ", "1. ", "> ", "\\", "\\*", "|",
        "\n", "\r\n", "\n\n", "\t", "  ", "\0", "\u0001", "\u007F", "😀", "👩🏽‍💻", "🇫🇷", "e\u0301", "a\u0308\u0304", "\u200D", "\uFE0F",
        "עברית", "العربية", "\u202E", "\u2028", "\u2029", "\uFFFD", "\"", "'", "{", "}", "\\u0000", "</script>", "${x}", "%s", "\uD83D", "\uDE00",
    ];

    private const string Words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore";

    /// <summary>Text mixing words with markup, escapes, emoji, RTL, combining marks and (rarely) lone surrogates.</summary>
    public static string RandomText(Random random, int maxLength)
    {
        var length = random.Next(4) switch
        {
            0 => random.Next(0, Math.Min(maxLength, 40) + 1),
            1 => random.Next(0, Math.Min(maxLength, 600) + 1),
            2 => random.Next(0, Math.Min(maxLength, 5000) + 1),
            _ => random.Next(0, maxLength + 1),
        };
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            if (random.Next(3) == 0)
            {
                text.Append(Fragments[random.Next(Fragments.Length)]);
            }
            else
            {
                var start = random.Next(Words.Length);
                text.Append(Words, start, Math.Min(random.Next(1, 24), Words.Length - start));
            }
        }

        return text.ToString(0, Math.Min(length, text.Length));
    }

    public static Codemark RandomCodemark(Random random)
    {
        var type = (CodemarkType)random.Next(6);
        var markerCount = random.Next(4) switch
        {
            0 => 0,
            1 => random.Next(1, 4),
            2 => random.Next(1, 20),
            _ => random.Next(1, 101),
        };
        var markers = new Marker[markerCount];
        for (var i = 0; i < markerCount; i++)
        {
            // Now and then the same marker twice: its action ids must still be unique.
            markers[i] = i > 0 && random.Next(20) == 0 ? markers[i - 1] : RandomMarker(random, i);
        }

        var title = random.Next(4) == 0 ? null : RandomText(random, random.Next(2) == 0 ? 100 : 1000);
        var text = RandomText(random, 50_000);
        var id = random.Next(5) == 0 ? CodemarkId.Parse("cm_" + new string('C', 61)) : CodemarkId;
        var team = random.Next(5) == 0 ? TeamId.Parse("team_" + new string('T', 59)) : TeamId;
        return new Codemark(
            id, team, PostId.Parse("post_01"), UserId.Parse("user_01"), type, title, text, markers, CreatedAt.AddSeconds(random.Next()), null, null);
    }

    private static Marker RandomMarker(Random random, int index)
    {
        var id = random.Next(4) == 0 ? $"mk_{index}{new string('M', 58 - index.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)}" : $"mk_{index}";
        var file = RandomText(random, random.Next(3) == 0 ? 1024 : 80);
        var repo = random.Next(3) == 0 ? null : RandomText(random, random.Next(3) == 0 ? 1024 : 40);
        var start = random.Next(1, 100_000);
        var end = random.Next(2) == 0 ? start : start + random.Next(0, 10_000);
        var code = RandomText(random, random.Next(5) == 0 ? 20_000 : 4000);
        return new Marker(MarkerId.Parse(id), file, repo, null, start, end, code, RandomRemoteUrl(random));
    }

    private static string? RandomRemoteUrl(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => "https://github.com/acme/app/blob/main/" + Uri.EscapeDataString(RandomText(random, 200)) + "#L1",
        2 => "https://gitlab.example.org/acme/app/-/blob/main/src/a.cs?x=<1>&y=\"2\"",
        3 => "https://bitbucket.org/acme/" + new string('a', random.Next(2900, 3200)),
        4 => "http://acme.visualstudio.com/_git/app?path=/" + new string('p', random.Next(0, 3000)),
        _ => "https://code.example.com/" + Uri.EscapeDataString(RandomText(random, 3000)),
    };
}
