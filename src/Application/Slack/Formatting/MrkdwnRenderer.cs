using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>
/// Writes Slack mrkdwn from Markdig's CommonMark tree of CodeStream Markdown. It keeps the author's layout: every
/// stretch of source that no node claims (indentation, blank lines, list numbers, quote markers) is copied through
/// <see cref="SlackText.AppendEscaped(CharBuffer, ReadOnlySpan{char})"/>, and only what mrkdwn spells differently is
/// rewritten (emphasis, links, headings, fences, <c>*</c>/<c>+</c> bullets, mentions). Raw HTML and entities are not
/// read as such: they are text, escaped like any other.
/// </summary>
internal sealed class MrkdwnRenderer
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    // What can start a Markdown construct inside a line; a line starting with whitespace, a digit or one of
    // "-+#>=" may be a list, a heading, a quote or code.
    private static readonly System.Buffers.SearchValues<char> InlineSyntax = System.Buffers.SearchValues.Create("*_~`[]!<\\\n");

    private readonly string _source;
    private readonly CharBuffer _output;
    private readonly SlackUserLookup _users;
    private readonly List<string>? _mentions;
    private readonly int _stopAt;
    private bool _suppressBold;

    private MrkdwnRenderer(string source, CharBuffer output, SlackUserLookup users, List<string>? mentions, bool suppressBold, int stopAfter)
    {
        this._source = source;
        this._output = output;
        this._users = users;
        this._mentions = mentions;
        this._suppressBold = suppressBold;
        _stopAt = stopAfter == int.MaxValue ? int.MaxValue : output.Length + stopAfter;
    }

    private bool Stopped => _output.Length > _stopAt;

    /// <summary>
    /// Appends the mrkdwn of <paramref name="markdown"/>, stopping soon after <paramref name="stopAfter"/> characters;
    /// <paramref name="mentions"/>, when given, collects every <c>@username</c> outside code and links.
    /// </summary>
    public static void Render(
        string markdown, CharBuffer output, SlackUserLookup users, List<string>? mentions, bool suppressBold, int stopAfter)
    {
        var source = MarkdownInput.Sanitize(markdown, stopAfter);
        var renderer = new MrkdwnRenderer(source, output, users, mentions, suppressBold, stopAfter);
        if (IsPlainLine(source))
        {
            // Most titles and many replies: nothing for a parser to find, so none is run.
            renderer.Text(source, 0);
            return;
        }

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(source, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested past its depth limit (thousands of unclosed brackets and delimiters): no
            // author writes that, so it is shown as the text it is.
            SlackText.AppendEscaped(output, source);
            return;
        }

        renderer.Blocks(document, 0, source.Length);
    }

    private static bool IsPlainLine(string text) =>
        text.Length > 0
        && !char.IsWhiteSpace(text[0]) && !char.IsAsciiDigit(text[0]) && text[0] is not ('-' or '+' or '#' or '>' or '=')
        && text.AsSpan().IndexOfAny(InlineSyntax) < 0;

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

    private void Blocks(ContainerBlock container, int from, int to)
    {
        var position = from;
        foreach (var block in container)
        {
            if (Stopped)
            {
                return;
            }

            if (block is LinkReferenceDefinitionGroup definitions)
            {
                // "[r]: https://…" lends its URL to the links that name it and shows nothing itself. (The group's own
                // span is not reliable; its definitions' are.)
                foreach (var definition in definitions)
                {
                    Source(position, definition.Span.Start);
                    position = Math.Max(position, definition.Span.End + 1);
                }

                continue;
            }

            Source(position, block.Span.Start);
            Block(block);
            position = Math.Max(position, End(block));
        }

        Source(position, to);
    }

    /// <summary>
    /// Where the source of <paramref name="block"/> ends. Markdig's span stops before what it does not keep: a
    /// heading's closing <c>###</c>, a fence's last lines when it is never closed. Those belong to the block too.
    /// </summary>
    private int End(Block block)
    {
        var end = block.Span.End + 1;
        if (block is FencedCodeBlock { Lines.Count: > 0 } fence)
        {
            end = Math.Max(end, fence.Lines.Lines[fence.Lines.Count - 1].Slice.End + 1);
        }

        if (block is HeadingBlock or FencedCodeBlock or ThematicBreakBlock)
        {
            var lineEnd = end < _source.Length ? _source.IndexOf('\n', end) : -1;
            end = lineEnd < 0 ? Math.Max(end, _source.Length) : Math.Max(end, lineEnd);
        }

        return Math.Min(end, _source.Length);
    }

    private void Block(Block block)
    {
        switch (block)
        {
            case ListItemBlock item when item.Parent is ListBlock { BulletType: '*' or '+' }:
                _output.Append('•');
                Blocks(item, item.Span.Start + 1, item.Span.End + 1);
                break;
            case ContainerBlock container:
                Blocks(container, container.Span.Start, container.Span.End + 1);
                break;
            case HeadingBlock heading:
                Heading(heading);
                break;
            case ThematicBreakBlock:
                _output.Append("---");
                break;
            case FencedCodeBlock fence:
                Fence(fence);
                break;
            case ParagraphBlock { Inline: { } inline } paragraph:
                Inlines(inline, paragraph.Span.Start, paragraph.Span.End + 1);
                break;
            default:
                // Indented code: mrkdwn has none, so it stays the text it was.
                Source(block.Span.Start, block.Span.End + 1);
                break;
        }
    }

    private void Heading(HeadingBlock heading)
    {
        if (heading.Inline?.FirstChild is not { } first)
        {
            return;
        }

        var wasSuppressed = _suppressBold;
        _suppressBold = true;
        _output.Append('*');
        Inlines(heading.Inline, first.Span.Start, heading.Inline.LastChild!.Span.End + 1);
        _output.Append('*');
        _suppressBold = wasSuppressed;
    }

    private void Fence(FencedCodeBlock fence)
    {
        if (_output.Length > 0 && !_output.EndsWith('\n'))
        {
            _output.Append('\n'); // A fence marker stands on its own line.
        }

        _output.Append(SlackText.Fence);
        _output.Append('\n');
        var lines = fence.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                _output.Append('\n');
            }

            SlackText.AppendEscaped(_output, lines.Lines[i].Slice.AsSpan());
        }

        _output.Append('\n');
        _output.Append(SlackText.Fence);
    }

    // ---- Inlines ----

    private void Inlines(ContainerInline container, int from, int to)
    {
        var position = from;
        for (var inline = container.FirstChild; inline is not null && !Stopped; inline = inline.NextSibling)
        {
            Source(position, inline.Span.Start);
            if (inline is LiteralInline literal)
            {
                // Adjacent literals (Markdig splits text at unmatched delimiters) are one text: "@ada_l" stays one name.
                var text = new System.Text.StringBuilder().Append(literal.Content.AsSpan());
                while (inline.NextSibling is LiteralInline next && next.Span.Start == inline.Span.End + 1)
                {
                    text.Append(next.Content.AsSpan());
                    inline = next;
                }

                Text(text.ToString(), literal.Span.Start);
            }
            else
            {
                Inline(inline);
            }

            position = Math.Max(position, inline.Span.End + 1);
        }

        Source(position, to);
    }

    private void Inline(Inline inline)
    {
        switch (inline)
        {
            case EmphasisInline emphasis:
                Emphasis(emphasis);
                break;
            case CodeInline code:
                _output.Append('`');
                SlackText.AppendEscaped(_output, code.Content);
                _output.Append('`');
                break;
            case LinkInline link:
                Link(link);
                break;
            case AutolinkInline autolink:
                Autolink(autolink);
                break;
            case LineBreakInline:
                // The line's own trailing spaces stay; a backslash hard break loses its backslash.
                var end = inline.Span.End + 1;
                var start = _source[inline.Span.Start] == '\\' ? inline.Span.Start + 1 : inline.Span.Start;
                Source(start, end);
                break;
            case ContainerInline container:
                Inlines(container, container.Span.Start, container.Span.End + 1);
                break;
            default:
                Source(inline.Span.Start, inline.Span.End + 1);
                break;
        }
    }

    private void Emphasis(EmphasisInline emphasis)
    {
        var marker = emphasis.DelimiterChar == '~' ? "~" : emphasis.DelimiterCount >= 2 ? (_suppressBold ? string.Empty : "*") : "_";
        var width = emphasis.DelimiterCount;
        _output.Append(marker);
        Inlines(emphasis, emphasis.Span.Start + width, emphasis.Span.End + 1 - width);
        _output.Append(marker);
    }

    private void Link(LinkInline link)
    {
        using var label = new CharBuffer(64);
        if (link.FirstChild is { } first)
        {
            var nested = new MrkdwnRenderer(_source, label, default, mentions: null, _suppressBold, int.MaxValue);
            nested.Inlines(link, first.Span.Start, link.LastChild!.Span.End + 1);
            label.TrimEnd();
        }

        var url = link.Url ?? string.Empty;
        if (!SlackLinks.IsLinkable(url))
        {
            // Relative or unusual links have nowhere to go in Slack: the label, then the address as text.
            _output.Append(label.Span.Trim());
            if (url.Length > 0)
            {
                _output.Append(label.Length > 0 ? " (" : "(");
                SlackText.AppendEscaped(_output, url);
                _output.Append(')');
            }

            return;
        }

        _output.Append('<');
        SlackLinks.AppendUrl(_output, url);
        if (!label.Span.IsWhiteSpace())
        {
            _output.Append('|');
            _output.Append(label.Span.Trim());
        }

        _output.Append('>');
    }

    private void Autolink(AutolinkInline autolink)
    {
        var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
        if (!SlackLinks.IsLinkable(url))
        {
            SlackText.AppendEscaped(_output, autolink.Url);
            return;
        }

        _output.Append('<');
        SlackLinks.AppendUrl(_output, url);
        if (autolink.IsEmail)
        {
            _output.Append('|');
            SlackText.AppendEscaped(_output, autolink.Url);
        }

        _output.Append('>');
    }

    /// <summary>Plain text: escaped, with <c>@here</c>-style broadcasts and known <c>@username</c>s as Slack mentions.</summary>
    private void Text(string text, int sourceStart)
    {
        var written = 0;
        for (var at = text.IndexOf('@'); at >= 0 && at < text.Length; at = text.IndexOf('@', at + 1))
        {
            var previous = at > 0 ? text[at - 1] : sourceStart > 0 ? _source[sourceStart - 1] : ' ';
            if (!Mentions.TryRead(text, at, previous, out var name))
            {
                continue;
            }

            SlackText.AppendEscaped(_output, text.AsSpan(written, at - written));
            written = at + 1 + name.Length;
            if (Mentions.Broadcast(name) is { } broadcast)
            {
                _output.Append(broadcast);
                continue;
            }

            _mentions?.Add(name);
            if ((_users.IsEmpty ? null : _users.Find(name)) is { } slackUserId)
            {
                _output.Append("<@");
                _output.Append(slackUserId);
                _output.Append('>');
            }
            else
            {
                SlackText.AppendEscaped(_output, text.AsSpan(at, 1 + name.Length));
            }

            at = written - 1;
        }

        SlackText.AppendEscaped(_output, text.AsSpan(written));
    }

    /// <summary>Source no node claimed (layout, markers), copied as escaped text.</summary>
    private void Source(int from, int to)
    {
        if (to > from)
        {
            SlackText.AppendEscaped(_output, _source.AsSpan(from, to - from));
        }
    }
}
