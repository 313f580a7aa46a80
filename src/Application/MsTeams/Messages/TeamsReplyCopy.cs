using System.Text;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// A CodeStream reply posted by the bot into the codemark's Teams thread. The bot posts under its own name, so the
/// message starts with the author's (<c>&lt;p&gt;&lt;b&gt;Ada&lt;/b&gt; replied via CodeStream:&lt;/p&gt;</c>), then the
/// reply as Teams HTML (<see cref="TeamsHtmlRenderer"/>), all within Teams' message size.
/// </summary>
public static class TeamsReplyCopy
{
    public const string RepliedVia = "replied via CodeStream";

    /// <summary>Teams refuses messages over about 28 KB; the text stays within this many characters.</summary>
    public const int MaxText = 28_000;

    private const int MaxAuthorName = 150;

    /// <summary>The JSON of the message activity (<c>textFormat</c> <c>xml</c>: Teams renders its HTML).</summary>
    public static string RenderActivity(string replyMarkdown, string authorName)
    {
        var author = TeamsText.Clean(authorName, singleLine: true).Trim();
        author = author.Length == 0 ? "Someone" : TeamsText.Cut(author, MaxAuthorName);

        var text = new StringBuilder(Math.Min((replyMarkdown?.Length ?? 0) + 256, MaxText));
        text.Append("<p><b>").Append(LimitedHtmlWriter.Encode(author)).Append("</b> ").Append(RepliedVia).Append(":</p>");
        TeamsHtmlRenderer.Render(replyMarkdown, text, MaxText);

        var activity = new JsonObject
        {
            ["type"] = "message",
            ["textFormat"] = "xml",
            ["text"] = text.ToString(),
        };

        return activity.ToJsonString(TeamsText.Json);
    }
}
