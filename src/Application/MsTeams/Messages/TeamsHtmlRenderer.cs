using System.Text;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// CodeStream Markdown (read by Markdig, as for Slack) → the HTML subset Teams renders in messages: <c>p br b i s
/// code pre ul ol li</c> and <c>a href</c> for http/https/mailto links only. All text is HTML-encoded; raw HTML and
/// entities in the Markdown are text. Output stops within a character limit with "…" and every open tag closed,
/// because a cut in the middle of a tag would break the message.
/// </summary>
internal sealed class TeamsHtmlRenderer
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private readonly string _source;
    private readonly LimitedHtmlWriter _html;

    private TeamsHtmlRenderer(string source, LimitedHtmlWriter html)
    {
        _source = source;
        _html = html;
    }

    /// <summary>Appends the HTML of <paramref name="markdown"/>, keeping <paramref name="output"/> within <paramref name="limit"/> characters.</summary>
    public static void Render(string? markdown, StringBuilder output, int limit)
    {
        var source = TeamsText.Clean(markdown);

        // No more is parsed than could be shown (most characters give at least one character of HTML).
        var cut = source.Length > limit;
        if (cut)
        {
            source = source[..TeamsText.SafeCut(source, limit)];
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return;
        }

        var html = new LimitedHtmlWriter(output, limit);
        var renderer = new TeamsHtmlRenderer(source, html);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(source, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested past its depth limit: it is shown as the text it is.
            if (html.TryOpen("p"))
            {
                html.Text(source);
                html.Close("p");
            }

            return;
        }

        renderer.Blocks(document, tight: false);
        if (cut)
        {
            html.Stop();
        }
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
            .UsePreciseSourceLocation()
            .DisableHtml();
        builder.InlineParsers.RemoveAll(parser => parser is HtmlEntityParser);
        return builder.Build();
    }

    // ---- Blocks ----

    private void Blocks(ContainerBlock container, bool tight)
    {
        foreach (var block in container)
        {
            if (_html.Stopped)
            {
                return;
            }

            Block(block, tight);
        }
    }

    private void Block(Block block, bool tight)
    {
        switch (block)
        {
            case LinkReferenceDefinitionGroup:
                // "[r]: https://…" lends its URL to the links that name it and shows nothing itself.
                break;
            case ListBlock list:
                List(list);
                break;
            case ContainerBlock container:
                // Quotes and anything else that holds blocks: their content, without the container.
                Blocks(container, tight);
                break;
            case HeadingBlock { Inline: { } heading }:
                if (_html.TryOpen("p"))
                {
                    if (_html.TryOpen("b"))
                    {
                        Inlines(heading);
                        _html.Close("b");
                    }

                    _html.Close("p");
                }

                break;
            case ParagraphBlock { Inline: { } inline }:
                if (tight)
                {
                    Inlines(inline);
                }
                else if (_html.TryOpen("p"))
                {
                    Inlines(inline);
                    _html.Close("p");
                }

                break;
            case CodeBlock code:
                // Fenced and indented code alike.
                if (_html.TryOpen("pre"))
                {
                    Lines(code);
                    _html.Close("pre");
                }

                break;
            case ThematicBreakBlock:
                if (_html.TryOpen("p"))
                {
                    _html.Text("---");
                    _html.Close("p");
                }

                break;
            case LeafBlock leaf when leaf.Lines.Count > 0:
                if (_html.TryOpen("p"))
                {
                    Lines(leaf);
                    _html.Close("p");
                }

                break;
        }
    }

    private void List(ListBlock list)
    {
        var tag = list.IsOrdered ? "ol" : "ul";
        if (!_html.TryOpen(tag))
        {
            return;
        }

        foreach (var block in list)
        {
            if (_html.Stopped)
            {
                break;
            }

            if (block is ListItemBlock item && _html.TryOpen("li"))
            {
                Blocks(item, tight: !list.IsLoose);
                _html.Close("li");
            }
        }

        _html.Close(tag);
    }

    private void Lines(LeafBlock leaf)
    {
        var lines = leaf.Lines;
        for (var i = 0; i < lines.Count && !_html.Stopped; i++)
        {
            if (i > 0)
            {
                _html.Text("\n");
            }

            _html.Text(lines.Lines[i].Slice.AsSpan());
        }
    }

    // ---- Inlines ----

    private void Inlines(ContainerInline container)
    {
        for (var inline = container.FirstChild; inline is not null && !_html.Stopped; inline = inline.NextSibling)
        {
            Inline(inline);
        }
    }

    private void Inline(Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                _html.Text(literal.Content.AsSpan());
                break;
            case EmphasisInline emphasis:
                var tag = emphasis.DelimiterChar == '~' ? "s" : emphasis.DelimiterCount >= 2 ? "b" : "i";
                if (_html.TryOpen(tag))
                {
                    Inlines(emphasis);
                    _html.Close(tag);
                }

                break;
            case CodeInline code:
                if (_html.TryOpen("code"))
                {
                    _html.Text(code.Content);
                    _html.Close("code");
                }

                break;
            case LinkInline link:
                Link(link.Url, link);
                break;
            case AutolinkInline autolink:
                Link(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, label: null, autolink.Url);
                break;
            case LineBreakInline:
                // Soft breaks too: authors see their line breaks in CodeStream.
                _html.Void("<br>");
                break;
            case ContainerInline container:
                Inlines(container);
                break;
            default:
                var span = inline.Span;
                if (span.Start >= 0 && span.End < _source.Length && span.End >= span.Start)
                {
                    _html.Text(_source.AsSpan(span.Start, span.Length));
                }

                break;
        }
    }

    /// <summary>A safe link as <c>&lt;a href&gt;</c>; any other only its label (an image's alt text).</summary>
    private void Link(string? url, ContainerInline? label, string? fallbackText = null)
    {
        var safe = SafeUrl(url);
        var opened = safe is not null && _html.TryOpen("a", string.Concat("<a href=\"", LimitedHtmlWriter.Encode(safe), "\">"));
        if (label?.FirstChild is not null)
        {
            Inlines(label);
        }
        else
        {
            _html.Text(fallbackText ?? (opened ? url : null));
        }

        if (opened)
        {
            _html.Close("a");
        }
    }

    private static string? SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        // The author's own spelling (no trailing slash added), once Uri has vouched for its scheme.
        return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto
            ? url.Trim()
            : null;
    }
}
