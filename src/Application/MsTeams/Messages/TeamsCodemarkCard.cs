using System.Globalization;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// The Teams message of a shared codemark: the Slack card's content (Slack/Messages/CodemarkCard.cs) as an Adaptive
/// Card 1.5 — the author and type, the title and text, per marker its location, code and "Open in IDE" / "Open on
/// GitHub…" actions, and "Open on Web". Every TextBlock stays within 3,000 characters, at most 10 markers are shown
/// and their code shares one budget, so the activity stays well under Teams' ~28 KB message limit.
/// </summary>
public static class TeamsCodemarkCard
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    public const int MaxTextBlock = 3000;
    public const int MaxMarkers = 10;

    private const int MaxAuthorName = 150;
    private const int MaxRepoLabel = 200;
    private const int MaxFileLabel = 600;

    // What all markers' code may take together, and what each gets at least.
    private const int CodeBudget = 15_000;
    private const int MinMarkerCode = 200;

    /// <summary>The JSON of the whole message activity, ready to post to a conversation.</summary>
    public static string RenderActivity(TeamsCardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Codemark);
        ArgumentNullException.ThrowIfNull(input.WebBaseUrl);

        var codemark = input.Codemark;
        var author = Author(input.AuthorName);
        var baseUrl = TeamsCardLinks.BaseUrl(input.WebBaseUrl);

        var body = new JsonArray(TextBlock(string.Concat(author, " · ", TypeLabel(codemark.Type)), subtle: true));
        AddContent(body, codemark);
        AddMarkers(body, codemark, baseUrl);

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = new JsonArray(OpenUrl("Open on Web", TeamsCardLinks.WebUrl(baseUrl, codemark))),
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };

        var activity = new JsonObject
        {
            ["type"] = "message",
            ["summary"] = author + " shared a codemark",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AdaptiveCardContentType, ["content"] = card }),
        };

        return activity.ToJsonString(TeamsText.Json);
    }

    private static string Author(string? authorName)
    {
        var author = TeamsText.Clean(authorName, singleLine: true).Trim();
        return author.Length == 0 ? "Someone" : TeamsText.Cut(author, MaxAuthorName);
    }

    private static string TypeLabel(CodemarkType type) => type switch
    {
        CodemarkType.Comment => "Comment",
        CodemarkType.Issue => "Issue",
        CodemarkType.Question => "Question",
        CodemarkType.Bookmark => "Bookmark",
        CodemarkType.Trap => "Trap",
        CodemarkType.Link => "Link",
        _ => "Codemark",
    };

    /// <summary>Issues, questions and bookmarks: the title in bold, then the text; others: the text (else the title).</summary>
    private static void AddContent(JsonArray body, Codemark codemark)
    {
        var title = string.IsNullOrWhiteSpace(codemark.Title) ? null : TeamsText.Clean(codemark.Title).Trim();
        var text = string.IsNullOrWhiteSpace(codemark.Text) ? null : TeamsText.Clean(codemark.Text).TrimEnd();
        var titled = codemark.Type is CodemarkType.Issue or CodemarkType.Question or CodemarkType.Bookmark;
        if (titled && title is not null)
        {
            body.Add(TextBlock(title, weight: "Bolder", size: "Medium"));
            if (text is not null)
            {
                body.Add(TextBlock(text));
            }

            return;
        }

        if ((text ?? title) is { } content)
        {
            body.Add(TextBlock(content));
        }
    }

    private static void AddMarkers(JsonArray body, Codemark codemark, string baseUrl)
    {
        var markers = (codemark.Markers ?? []).Where(marker => marker is not null).ToList();
        var shown = Math.Min(markers.Count, MaxMarkers);
        var codeLeft = CodeBudget;
        for (var index = 0; index < shown; index++)
        {
            // What earlier markers did not use goes to later ones.
            var room = Math.Clamp(codeLeft / (shown - index), MinMarkerCode, MaxTextBlock);
            body.Add(MarkerContainer(codemark, markers[index], baseUrl, room, out var codeLength));
            codeLeft -= codeLength;
        }

        var more = markers.Count - shown;
        if (more > 0)
        {
            var notice = more == 1
                ? "and 1 more code location"
                : string.Create(CultureInfo.InvariantCulture, $"and {more} more code locations");
            body.Add(TextBlock(notice, subtle: true));
        }
    }

    /// <summary>A marker: its location and lines, its code in monospace, and its actions in an ActionSet.</summary>
    private static JsonNode MarkerContainer(Codemark codemark, Marker marker, string baseUrl, int codeRoom, out int codeLength)
    {
        var items = new JsonArray(TextBlock(Location(marker), subtle: true));

        codeLength = 0;
        var code = TeamsText.Clean(marker.Code).TrimEnd();
        if (!string.IsNullOrWhiteSpace(code))
        {
            var shownCode = TeamsText.CutLines(code, codeRoom);
            codeLength = shownCode.Length;
            items.Add(TextBlock(shownCode, monospace: true));
        }

        var actions = new JsonArray(OpenUrl("Open in IDE", TeamsCardLinks.IdeUrl(baseUrl, codemark, marker)));
        if (TeamsCardLinks.Remote(marker) is { } remote)
        {
            actions.Add(OpenUrl(remote.Title, remote.Url));
        }

        JsonNode actionSet = new JsonObject { ["type"] = "ActionSet", ["actions"] = actions };
        items.Add(actionSet);
        return new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["spacing"] = "Medium",
            ["items"] = items,
        };
    }

    /// <summary><c>[repo] path · Lines 12-20</c>: the repo's start and the path's end (its file name) when long.</summary>
    private static string Location(Marker marker)
    {
        var repo = TeamsText.Clean(marker.Repo, singleLine: true).Trim();
        var file = TeamsText.Clean(marker.File, singleLine: true).Trim();
        if (file.Length > MaxFileLabel)
        {
            var start = file.Length - (MaxFileLabel - 1);
            if (char.IsLowSurrogate(file[start]))
            {
                start++;
            }

            file = string.Concat("…", file.AsSpan(start));
        }

        if (file.Length == 0)
        {
            file = "(unknown file)";
        }

        var lines = marker.StartLine == marker.EndLine
            ? string.Create(CultureInfo.InvariantCulture, $"Line {marker.StartLine}")
            : string.Create(CultureInfo.InvariantCulture, $"Lines {marker.StartLine}-{marker.EndLine}");
        return repo.Length == 0
            ? string.Concat(file, " · ", lines)
            : string.Concat("[", TeamsText.Cut(repo, MaxRepoLabel), "] ", file, " · ", lines);
    }

    private static JsonNode TextBlock(string text, bool subtle = false, string? weight = null, string? size = null, bool monospace = false)
    {
        var block = new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = TeamsText.Cut(text, MaxTextBlock),
            ["wrap"] = true,
        };

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (monospace)
        {
            block["fontType"] = "Monospace";
        }

        return block;
    }

    private static JsonNode OpenUrl(string title, string url) => new JsonObject
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = title,
        ["url"] = url,
    };
}
