using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Application.MsTeams.Messages;
using CodeStream.Integrations.Domain.Core.Codemarks;
using static CodeStream.Integrations.Application.UnitTests.Slack.SlackTestData;

namespace CodeStream.Integrations.Application.UnitTests.MsTeams;

public sealed class TeamsCodemarkCardTests
{
    private static string Render(Codemark codemark, string author = "Ada Lovelace") =>
        TeamsCodemarkCard.RenderActivity(new TeamsCardInput(codemark, author, WebBaseUrl));

    /// <summary>The activity, strictly parsed, and its card's content.</summary>
    private static (JsonObject Activity, JsonObject Card) Parse(string json)
    {
        using (JsonDocument.Parse(json))
        {
        }

        var activity = JsonNode.Parse(json)!.AsObject();
        var attachment = Assert.Single(activity["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        return (activity, attachment["content"]!.AsObject());
    }

    private static JsonArray Body(JsonObject card) => card["body"]!.AsArray();

    private static List<JsonObject> Containers(JsonObject card) =>
        [.. Body(card).Select(n => n!.AsObject()).Where(n => (string?)n["type"] == "Container")];

    private static IEnumerable<JsonObject> Elements(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject element:
                yield return element;
                foreach (var property in element)
                {
                    foreach (var child in Elements(property.Value))
                    {
                        yield return child;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var child in Elements(item))
                    {
                        yield return child;
                    }
                }

                break;
        }
    }

    private static List<string> TextBlocks(JsonObject card) =>
        [.. Elements(card).Where(e => (string?)e["type"] == "TextBlock").Select(e => (string)e["text"]!)];

    [Fact]
    public void RenderActivity_WhenGivenAnIssue_ReturnsAMessageWithAnAdaptiveCard()
    {
        var codemark = ForType(CodemarkType.Issue);

        var (activity, card) = Parse(Render(codemark));

        Assert.Equal("message", (string?)activity["type"]);
        Assert.Equal("Ada Lovelace shared a codemark", (string?)activity["summary"]);
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);

        var body = Body(card);
        Assert.Equal("Ada Lovelace · Issue", (string?)body[0]!["text"]);
        Assert.Equal("Possible race on `_items`", (string?)body[1]!["text"]);
        Assert.Equal("Bolder", (string?)body[1]!["weight"]);
        Assert.Equal("Medium", (string?)body[1]!["size"]);
        Assert.True((bool)body[1]!["wrap"]!);
        Assert.Equal(codemark.Text, (string?)body[2]!["text"]);
    }

    [Fact]
    public void RenderActivity_WhenGivenAComment_ShowsItsTextWithoutATitle()
    {
        var (_, card) = Parse(Render(Codemark(CodemarkType.Comment, "ignored", "Nice *catch*", Marker())));

        var body = Body(card);
        Assert.Equal("Ada Lovelace · Comment", (string?)body[0]!["text"]);
        Assert.Equal("Nice *catch*", (string?)body[1]!["text"]);
        Assert.Null(body[1]!["weight"]);
        Assert.DoesNotContain("ignored", TextBlocks(card));
    }

    [Fact]
    public void RenderActivity_WhenAMarkerHasAGitHubUrl_ShowsItsLocationCodeAndActions()
    {
        var (_, card) = Parse(Render(ForType(CodemarkType.Issue)));

        var marker = Assert.Single(Containers(card));
        var items = marker["items"]!.AsArray();
        Assert.Equal("[acme/app] src/Cache/Store.cs · Lines 12-20", (string?)items[0]!["text"]);
        Assert.True((bool)items[0]!["isSubtle"]!);
        Assert.Equal("lock (_gate)\n{\n    _items[key] = value;\n}", (string?)items[1]!["text"]);
        Assert.Equal("Monospace", (string?)items[1]!["fontType"]);
        Assert.True((bool)items[1]!["wrap"]!);

        Assert.Equal("ActionSet", (string?)items[2]!["type"]);
        var actions = items[2]!["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        Assert.Equal("Action.OpenUrl", (string?)actions[0]!["type"]);
        Assert.Equal("Open in IDE", (string?)actions[0]!["title"]);
        Assert.Equal("https://app.codestream.com/codemark/cm_01/ide?markerId=mk_01", (string?)actions[0]!["url"]);
        Assert.Equal("Open on GitHub", (string?)actions[1]!["title"]);
        Assert.Equal("https://github.com/acme/app/blob/main/src/Cache/Store.cs#L12-L20", (string?)actions[1]!["url"]);
    }

    [Theory]
    [InlineData("https://gitlab.com/acme/app/-/blob/main/a.cs#L1", "Open on GitLab")]
    [InlineData("https://gitlab.acme.dev/acme/app/-/blob/main/a.cs#L1", "Open on GitLab")]
    [InlineData("https://bitbucket.org/acme/app/src/main/a.cs#lines-1", "Open on Bitbucket")]
    [InlineData("https://dev.azure.com/acme/app/_git/app?path=/a.cs", "Open on Azure DevOps")]
    [InlineData("https://git.acme.dev/app/a.cs", "Open Code")]
    public void RenderActivity_WhenTheRemoteIsNotGitHub_NamesItsHost(string remoteCodeUrl, string title)
    {
        var (_, card) = Parse(Render(Codemark(CodemarkType.Comment, null, "x", Marker(remoteCodeUrl: remoteCodeUrl))));

        var actions = Assert.Single(Containers(card))["items"]!.AsArray()[^1]!["actions"]!.AsArray();
        Assert.Equal(title, (string?)actions[^1]!["title"]);
    }

    [Fact]
    public void RenderActivity_WhenAMarkerHasNoRemoteUrl_HasOnlyTheIdeAction()
    {
        var (_, card) = Parse(Render(ForType(CodemarkType.Link)));

        var actions = Assert.Single(Containers(card))["items"]!.AsArray()[^1]!["actions"]!.AsArray();
        Assert.Equal("Open in IDE", (string?)Assert.Single(actions)!["title"]);
    }

    [Fact]
    public void RenderActivity_WhenAMarkerHasNoRepo_ShowsThePathAndSingleLine()
    {
        var (_, card) = Parse(Render(Codemark(CodemarkType.Comment, null, "x", Marker(repo: null, startLine: 7, endLine: 7))));

        Assert.Equal("src/Cache/Store.cs · Line 7", (string?)Assert.Single(Containers(card))["items"]![0]!["text"]);
    }

    [Fact]
    public void RenderActivity_Always_EndsWithOpenOnWeb()
    {
        var (_, card) = Parse(Render(ForType(CodemarkType.Comment)));

        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", (string?)action["type"]);
        Assert.Equal("Open on Web", (string?)action["title"]);
        Assert.Equal("https://app.codestream.com/codemark/cm_01", (string?)action["url"]);
    }

    [Fact]
    public void RenderActivity_WhenThereAreMoreThanTenMarkers_ShowsTenAndSaysHowManyMore()
    {
        var markers = Enumerable.Range(0, 13).Select(i => Marker(id: "mk_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        var (_, card) = Parse(Render(Codemark(CodemarkType.Comment, null, "many", markers)));

        Assert.Equal(10, Containers(card).Count);
        Assert.Equal("and 3 more code locations", (string?)Body(card)[^1]!["text"]);
    }

    [Fact]
    public void RenderActivity_WhenThereAreElevenMarkers_SaysOneMore()
    {
        var markers = Enumerable.Range(0, 11).Select(i => Marker(id: "mk_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        var (_, card) = Parse(Render(Codemark(CodemarkType.Comment, null, "many", markers)));

        Assert.Equal("and 1 more code location", (string?)Body(card)[^1]!["text"]);
    }

    [Fact]
    public void RenderActivity_WhenTextsAreLong_CutsEveryTextBlockAt3000()
    {
        var longText = string.Concat(Enumerable.Repeat("word & more ", 1000));
        var codemark = Codemark(CodemarkType.Issue, longText, longText, Marker(file: new string('f', 1000), code: string.Concat(Enumerable.Repeat("x = 1;\n", 1000))));

        var (_, card) = Parse(Render(codemark, new string('n', 500)));

        var texts = TextBlocks(card);
        Assert.All(texts, text => Assert.InRange(text.Length, 1, TeamsCodemarkCard.MaxTextBlock));
        Assert.EndsWith("…", texts[1], StringComparison.Ordinal);
        Assert.EndsWith("…", texts[2], StringComparison.Ordinal);
        Assert.EndsWith("x = 1;\n…", texts[4], StringComparison.Ordinal);
    }

    [Fact]
    public void RenderActivity_WhenTenMarkersHaveLongCode_StaysWithinTeamsMessageSize()
    {
        var code = string.Concat(Enumerable.Repeat("var total = items.Sum(i => i.Price * i.Count);\n", 200));
        var markers = Enumerable.Range(0, 10).Select(i => Marker(id: "mk_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), code: code)).ToArray();

        var json = Render(Codemark(CodemarkType.Comment, null, "long", markers));

        Assert.InRange(Encoding.UTF8.GetByteCount(json), 1, 28_000);
        var (_, card) = Parse(json);
        Assert.Equal(10, Containers(card).Count);
    }

    [Fact]
    public void RenderActivity_WhenTheAuthorIsBlank_SaysSomeone()
    {
        var (activity, card) = Parse(Render(ForType(CodemarkType.Question), "  "));

        Assert.Equal("Someone shared a codemark", (string?)activity["summary"]);
        Assert.Equal("Someone · Question", (string?)Body(card)[0]!["text"]);
    }

    [Fact]
    public void RenderActivity_WhenTextHasControlCharactersAndLoneSurrogates_WritesValidJson()
    {
        var codemark = Codemark(CodemarkType.Comment, null, "bad \uD800 text \u0001 here\r\nnext", Marker(code: "a\u0000b\uDC00"));

        var (activity, card) = Parse(Render(codemark, "Ada\nLovelace"));

        Assert.Equal("Ada Lovelace shared a codemark", (string?)activity["summary"]);
        Assert.Equal("bad \uFFFD text   here\nnext", (string?)Body(card)[1]!["text"]);
    }
}
