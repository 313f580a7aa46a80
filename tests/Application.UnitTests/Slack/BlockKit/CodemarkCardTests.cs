using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.Slack.Messages;
using CodeStream.Integrations.Application.UnitTests.Slack.Golden;
using CodeStream.Integrations.Domain.Core.Codemarks;
using static CodeStream.Integrations.Application.UnitTests.Slack.SlackTestData;

namespace CodeStream.Integrations.Application.UnitTests.Slack.BlockKit;

public sealed class CodemarkCardTests
{
    private static CodemarkCardInput Input(Codemark codemark, bool interactive = true, bool repliesSync = true) =>
        new(codemark, "Ada Lovelace", WebBaseUrl, interactive, repliesSync, SlackUsers);

    public static TheoryData<CodemarkType> Types => [.. Enum.GetValues<CodemarkType>()];

    [Theory]
    [MemberData(nameof(Types))]
    public void Render_WhenGivenEachType_MatchesGoldenFile(CodemarkType type)
    {
        var content = CodemarkCard.Render(Input(ForType(type)));

        BlockKitAssert.WithinLimits(content);
        GoldenFile.AssertMatches("codemark-" + type.ToString().ToLowerInvariant(), content.BlocksJson!);
    }

    [Fact]
    public void Render_WhenInteractiveComponentsAreOff_HasNoReplyButton()
    {
        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(ForType(CodemarkType.Issue), interactive: false)));

        var actions = BlockKitAssert.Blocks(blocks, "actions").Single(b => (string?)b["block_id"] == "codemark-actions");
        var button = Assert.Single(actions["elements"]!.AsArray());
        Assert.Equal("Open on Web", (string)button!["text"]!["text"]!);
        Assert.DoesNotContain(BlockKitAssert.Buttons(blocks), b => ((string)b["action_id"]!).Contains("\"reply\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_WhenInteractiveComponentsAreOn_HasReplyButtonWithCompactActionId()
    {
        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(ForType(CodemarkType.Issue))));

        var reply = BlockKitAssert.Buttons(blocks).Single(b => (string)b["text"]!["text"]! == "View Discussion & Reply");
        Assert.Equal("""{"linkType":"reply","cId":"cm_01","tId":"team_01"}""", (string)reply["action_id"]!);
        Assert.Null(reply["url"]);
    }

    [Fact]
    public void Render_WhenRepliesDoNotSyncFromSlack_SaysDiscussInCodeStream()
    {
        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(ForType(CodemarkType.Issue), repliesSync: false)));

        var footer = blocks[^1]!;
        Assert.Equal("codestream://codemark/cm_01?teamId=team_01", (string)footer["block_id"]!);
        Assert.Equal("Discuss in CodeStream", (string)footer["elements"]![0]!["text"]!);
    }

    [Fact]
    public void Render_WhenGivenAnIssue_ReturnsFallbackTextWithTitle()
    {
        var content = CodemarkCard.Render(Input(ForType(CodemarkType.Issue)));

        Assert.Equal("Ada Lovelace shared a codemark: Possible race on `_items`", content.Text);
        Assert.Null(content.Username);
    }

    [Fact]
    public void Render_WhenTheHeadlineMentionsAUser_ConvertsItInTheFallbackText()
    {
        var codemark = Codemark(CodemarkType.Comment, null, "ping @ada & <team>\nsecond line", Marker());

        Assert.Equal("Ada Lovelace shared a codemark: ping <@U0AAA0001> &amp; &lt;team&gt;", CodemarkCard.Render(Input(codemark)).Text);
    }

    [Fact]
    public void Render_WhenTheTextStartsWithACodeBlock_UsesItsFirstLineWithWordsInTheFallbackText()
    {
        var codemark = Codemark(CodemarkType.Comment, null, "\n```csharp\nvar x = a < b;\n```");

        Assert.Equal("Ada Lovelace shared a codemark: var x = a &lt; b;", CodemarkCard.Render(Input(codemark)).Text);
    }

    [Fact]
    public void Render_WhenTextIsLong_CutsItAt3000WithANotice()
    {
        var codemark = Codemark(CodemarkType.Comment, null, string.Concat(Enumerable.Repeat("a & b ", 2000)));

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)));

        var text = (string)blocks[1]!["text"]!["text"]!;
        Assert.True(text.Length <= 3000);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&am…", text, StringComparison.Ordinal);
        Assert.Equal(CodemarkCard.TruncationNotice, (string)blocks[2]!["elements"]![0]!["text"]!);
    }

    [Fact]
    public void Render_WhenTheCutFallsInsideACodeBlock_ClosesTheFence()
    {
        var codemark = Codemark(CodemarkType.Comment, null, "intro\n```\n" + string.Concat(Enumerable.Repeat("x <= y\n", 1000)) + "```");

        var text = (string)BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)))[1]!["text"]!["text"]!;

        Assert.EndsWith("…\n```", text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "```"));
    }

    [Fact]
    public void Render_WhenTheCutFallsInsideALink_DropsTheWholeLink()
    {
        var codemark = Codemark(CodemarkType.Comment, null, new string('a', 2990) + " [label](https://example.com/long/path)");

        var text = (string)BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)))[1]!["text"]!["text"]!;

        Assert.Equal(new string('a', 2990) + " …", text);
    }

    [Fact]
    public void Render_WhenTheCutFallsInsideAnEmoji_KeepsItWhole()
    {
        var codemark = Codemark(CodemarkType.Comment, null, new string('a', 2994) + string.Concat(Enumerable.Repeat("👩🏽‍💻", 10)));

        var text = (string)BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)))[1]!["text"]!["text"]!;

        Assert.Equal(new string('a', 2994) + "…", text);
    }

    [Fact]
    public void Render_WhenCodeIsLong_CutsTheMarkerSectionOnALineWithANotice()
    {
        var code = string.Join('\n', Enumerable.Range(1, 500).Select(i => $"var line{i} = a < b && c > d; // ```"));
        var codemark = Codemark(CodemarkType.Comment, null, "see", Marker(code: code));

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)));

        var section = (string)blocks[2]!["text"]!["text"]!;
        Assert.StartsWith("`[acme/app] src/Cache/Store.cs`\nLines 12-20\n```\nvar line1 = a &lt; b &amp;&amp; c &gt; d; // ``\u200B`\n", section, StringComparison.Ordinal);
        Assert.EndsWith("; // ``\u200B`\n…\n```", section, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(section, "```"));
        Assert.Equal(CodemarkCard.TruncationNotice, (string)blocks[3]!["elements"]![0]!["text"]!);
        Assert.Equal("actions", (string)blocks[4]!["type"]!);
    }

    [Fact]
    public void Render_WhenMarkersExceedTheBlockLimit_EndsThemWithHowManyMore()
    {
        var markers = Enumerable.Range(1, 100).Select(i => Marker(id: $"mk_{i}", code: "x")).ToArray();

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(Codemark(CodemarkType.Issue, "Title", "Text", markers))));

        // Header, body, 22 markers × (section, actions), "78 more", actions, footer.
        Assert.Equal(49, blocks.Count);
        Assert.Equal("78 more markers in CodeStream", (string)blocks[^3]!["elements"]![0]!["text"]!);
        Assert.Equal("codemark-actions", (string)blocks[^2]!["block_id"]!);
        Assert.StartsWith("codestream://codemark/", (string)blocks[^1]!["block_id"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenMarkersExceedTheTextBudget_CutsTheLastOneThatFitsAndCountsTheRest()
    {
        var markers = Enumerable.Range(1, 100).Select(i => Marker(id: $"mk_{i}", code: new string('x', 4000))).ToArray();

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(Codemark(CodemarkType.Issue, "Title", "Text", markers))));

        var sections = BlockKitAssert.Blocks(blocks, "section").Select(b => (string)b["text"]!["text"]!).ToArray();
        Assert.Equal(5, sections.Length);
        Assert.All(sections[1..4], s => Assert.Equal(3000, s.Length));
        Assert.InRange(sections[4].Length, 200, 1000);
        Assert.EndsWith("…\n```", sections[4], StringComparison.Ordinal);
        Assert.Equal("96 more markers in CodeStream", (string)blocks[^3]!["elements"]![0]!["text"]!);
        Assert.InRange(BlockKitAssert.TotalText(blocks), 9000, 10_000);
    }

    [Fact]
    public void Render_WhenTheLastMarkerFits_ShowsItInsteadOfANotice()
    {
        var markers = Enumerable.Range(1, 16).Select(i => Marker(id: $"mk_{i}", code: "x")).ToArray();

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(Codemark(CodemarkType.Issue, "Title", "Text", markers))));

        // 4 + 16 × 2 blocks, no notice.
        Assert.Equal(36, blocks.Count);
        Assert.DoesNotContain(BlockKitAssert.Blocks(blocks, "context"), b => ((string)b["elements"]![0]!["text"]!).Contains("more marker", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_WhenTheRemoteUrlIsTooLong_DropsOnlyThatButton()
    {
        var codemark = Codemark(CodemarkType.Comment, null, "x", Marker(remoteCodeUrl: "https://github.com/" + new string('a', 3000)));

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)));

        var buttons = BlockKitAssert.Blocks(blocks, "actions").First()["elements"]!.AsArray();
        Assert.Equal("Open in IDE", (string)Assert.Single(buttons)!["text"]!["text"]!);
    }

    [Theory]
    [InlineData("https://github.com/a/b", "Open on GitHub", "github")]
    [InlineData("https://gitlab.com/a/b", "Open on GitLab", "gitlab")]
    [InlineData("https://gitlab.acme.org/a/b", "Open on GitLab", "gitlab")]
    [InlineData("https://bitbucket.org/a/b", "Open on Bitbucket", "bitbucket")]
    [InlineData("https://dev.azure.com/a/b", "Open on Azure DevOps", "azuredevops")]
    [InlineData("https://acme.visualstudio.com/a/b", "Open on Azure DevOps", "azuredevops")]
    [InlineData("https://notgithub.com/a/b", "Open Code", "other")]
    public void Render_WhenTheMarkerHasARemoteUrl_NamesItsHost(string url, string label, string provider)
    {
        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(Codemark(CodemarkType.Comment, null, "x", Marker(remoteCodeUrl: url)))));

        var external = BlockKitAssert.Buttons(blocks).Single(b => (string)b["text"]!["text"]! == label);
        Assert.Equal(url, (string)external["url"]!);
        Assert.Equal(
            $$"""{"linkType":"external","eP":"{{provider}}","cId":"cm_01","tId":"team_01","mId":"mk_01"}""",
            (string)external["action_id"]!);
    }

    [Fact]
    public void Render_WhenIdsAreAtTheirLongest_KeepsActionIdsWithin255()
    {
        var codemarkId = Domain.Core.Codemarks.CodemarkId.Parse("cm_" + new string('c', 61));
        var teamId = Domain.Core.Teams.TeamId.Parse("team_" + new string('t', 59));
        var marker = Marker(id: "mk_" + new string('m', 61), remoteCodeUrl: "https://dev.azure.com/a/b");
        var codemark = Codemark(CodemarkType.Comment, null, "x", marker) with { Id = codemarkId, TeamId = teamId };

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)));

        var external = BlockKitAssert.Buttons(blocks).Single(b => (string)b["text"]!["text"]! == "Open on Azure DevOps");
        var actionId = JsonNode.Parse((string)external["action_id"]!)!;
        Assert.Null(actionId["tId"]);
        Assert.Equal(marker.Id.Value, (string)actionId["mId"]!);
    }

    [Fact]
    public void Render_WhenAMarkerAppearsTwice_KeepsActionIdsUnique()
    {
        var marker = Marker();

        var blocks = BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(Codemark(CodemarkType.Comment, null, "x", marker, marker))));

        Assert.Equal(6, BlockKitAssert.Buttons(blocks).Count());
    }

    [Fact]
    public void Render_WhenTheWebBaseUrlHasNoTrailingSlash_AddsIt()
    {
        var input = Input(ForType(CodemarkType.Link)) with { WebBaseUrl = new Uri("https://cs.acme.dev/web") };

        var buttons = BlockKitAssert.Buttons(BlockKitAssert.WithinLimits(CodemarkCard.Render(input))).ToArray();

        Assert.Contains(buttons, b => (string?)b["url"] == "https://cs.acme.dev/web/codemark/cm_01");
        Assert.Contains(buttons, b => (string?)b["url"] == "https://cs.acme.dev/web/codemark/cm_01/ide?markerId=mk_01");
    }

    [Fact]
    public void Render_WhenTheAuthorNameIsHostile_KeepsItPlain()
    {
        var input = Input(ForType(CodemarkType.Link)) with { AuthorName = "<!channel> *boss*\n\uD800" + new string('x', 500) };

        var content = CodemarkCard.Render(input);

        var header = BlockKitAssert.WithinLimits(content)[0]!["elements"]![0]!;
        Assert.Equal("plain_text", (string)header["type"]!);
        Assert.StartsWith("<!channel> *boss* \uFFFDxxx", (string)header["text"]!, StringComparison.Ordinal);
        Assert.StartsWith("&lt;!channel&gt; *boss* \uFFFDxxx", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenTheLocationIsLong_KeepsTheEndOfThePath()
    {
        var file = string.Concat(Enumerable.Repeat("very/long/folder/", 60)) + "File.cs";
        var codemark = Codemark(CodemarkType.Comment, null, "x", Marker(file: file, repo: "acme/`app`"));

        var section = (string)BlockKitAssert.WithinLimits(CodemarkCard.Render(Input(codemark)))[2]!["text"]!["text"]!;

        var location = section[..section.IndexOf('\n', StringComparison.Ordinal)];
        Assert.StartsWith("`[acme/ˋappˋ] …", location, StringComparison.Ordinal);
        Assert.EndsWith("/File.cs`", location, StringComparison.Ordinal);
        Assert.True(location.Length <= 602);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
