using System.Buffers;

namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>
/// The Markdown → Slack mrkdwn engine behind <see cref="MarkdownToMrkdwn"/> (spec §7.6). Block level, line by line:
/// fenced code, headings, thematic breaks, list markers. Inline: a tokenizer (code spans, links, autolinks, bare
/// URLs, mentions, emphasis delimiters) followed by a CommonMark-style delimiter pass, so pathological input stays
/// linear. No regular expressions, no per-character allocation.
/// </summary>
internal sealed class MarkdownConverter : IDisposable
{
    private const int MaxLinkLabel = 1000;
    private const int MaxLinkUrl = 4000;
    private const int MaxUsername = 256;
    private const int BacktickMemoSize = 16;

    private static readonly SearchValues<char> InlineSpecial = SearchValues.Create("\\`*_~[<@:");
    private static readonly SearchValues<char> AsciiPunctuation = SearchValues.Create("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
    private static readonly SearchValues<char> UrlTrailingPunctuation = SearchValues.Create(".,:;!?*_~'\"");

    private readonly string _source;
    private readonly SlackUserLookup _users;
    private readonly List<string>? _mentions;
    private readonly int[] _noBacktickRunFrom = new int[BacktickMemoSize + 1];
    private Node[] _nodes;
    private int _count;
    private int _lineEnd;

    private MarkdownConverter(string source, SlackUserLookup users, List<string>? mentions)
    {
        _source = source;
        _users = users;
        _mentions = mentions;
        _nodes = ArrayPool<Node>.Shared.Rent(64);
    }

    private enum NodeKind : byte
    {
        Text,
        Raw,
        Mention,
        Code,
        Backticks,
        Delimiter,
    }

    /// <summary>
    /// Appends <paramref name="markdown"/> as mrkdwn. Stops after the line that takes the output past
    /// <paramref name="stopAfter"/> characters (the caller cuts it anyway); a code block left open is then not closed.
    /// </summary>
    public static void Convert(
        string markdown, CharBuffer output, SlackUserLookup users, List<string>? mentions, bool suppressBold, int stopAfter)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return;
        }

        using var converter = new MarkdownConverter(markdown, users, mentions);
        converter.ConvertDocument(output, suppressBold, stopAfter);
    }

    public void Dispose()
    {
        ArrayPool<Node>.Shared.Return(_nodes, clearArray: true);
        _nodes = [];
    }

    // ---- Block level ----

    private void ConvertDocument(CharBuffer output, bool suppressBold, int stopAfter)
    {
        var s = _source;
        var position = 0;
        var first = true;
        var inFence = false;
        var fenceChar = '\0';
        var fenceLength = 0;
        while (true)
        {
            var newline = s.IndexOf('\n', position);
            var lineEnd = newline < 0 ? s.Length : newline;
            var end = lineEnd > position && s[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (!first)
            {
                output.Append('\n');
            }

            first = false;
            if (inFence)
            {
                if (IsFence(position, end, out var closeChar, out var closeLength, out var rest)
                    && closeChar == fenceChar && closeLength >= fenceLength && s.AsSpan(rest, end - rest).IsWhiteSpace())
                {
                    output.Append(SlackText.Fence);
                    inFence = false;
                }
                else
                {
                    SlackText.AppendEscaped(output, s.AsSpan(position, end - position));
                }
            }
            else if (IsFence(position, end, out fenceChar, out fenceLength, out var info)
                && (fenceChar == '~' || s.AsSpan(info, end - info).IndexOf('`') < 0))
            {
                // The info string (language) is dropped: Slack would show it as the first line of code.
                output.Append(SlackText.Fence);
                inFence = true;
            }
            else
            {
                ConvertLine(position, end, output, suppressBold);
            }

            if (output.Length > stopAfter || newline < 0)
            {
                break;
            }

            position = newline + 1;
        }

        if (inFence && output.Length <= stopAfter)
        {
            output.Append('\n');
            output.Append(SlackText.Fence);
        }
    }

    private bool IsFence(int start, int end, out char fenceChar, out int length, out int rest)
    {
        var s = _source;
        var i = start;
        while (i < end && i - start < 3 && s[i] == ' ')
        {
            i++;
        }

        fenceChar = i < end ? s[i] : '\0';
        length = 0;
        rest = i;
        if (fenceChar is not ('`' or '~'))
        {
            return false;
        }

        while (rest < end && s[rest] == fenceChar)
        {
            rest++;
        }

        length = rest - i;
        return length >= 3;
    }

    private void ConvertLine(int start, int end, CharBuffer output, bool suppressBold)
    {
        var s = _source;
        var i = start;
        while (i < end && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }

        if (i == end)
        {
            output.Append(s.AsSpan(start, end - start));
            return;
        }

        var indent = i - start;
        if (indent <= 3 && s[i] == '#' && TryHeading(i, end, out var contentStart, out var contentEnd))
        {
            if (contentStart < contentEnd)
            {
                if (!suppressBold)
                {
                    output.Append('*');
                }

                Inline(contentStart, contentEnd, output, new InlineMode(SuppressBold: true, AllowLinks: true, AllowMentions: true));
                if (!suppressBold)
                {
                    output.Append('*');
                }
            }

            return;
        }

        if (IsThematicBreak(i, end))
        {
            output.Append("---");
            return;
        }

        var mode = new InlineMode(suppressBold, AllowLinks: true, AllowMentions: true);
        var c = s[i];
        if ((c is '-' or '*' or '+') && (i + 1 == end || s[i + 1] is ' ' or '\t'))
        {
            // "*" and "+" bullets become "•" so that Slack never pairs them with a later "*"; "-" stays.
            output.Append(s.AsSpan(start, indent));
            output.Append(c == '-' ? '-' : '•');
            Inline(i + 1, end, output, mode);
            return;
        }

        var digits = i;
        while (digits < end && digits - i < 9 && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits > i && digits < end && s[digits] is '.' or ')' && (digits + 1 == end || s[digits + 1] is ' ' or '\t'))
        {
            output.Append(s.AsSpan(start, digits + 1 - start));
            Inline(digits + 1, end, output, mode);
            return;
        }

        Inline(start, end, output, mode);
    }

    private bool TryHeading(int i, int end, out int contentStart, out int contentEnd)
    {
        var s = _source;
        var hashes = i;
        while (hashes < end && s[hashes] == '#')
        {
            hashes++;
        }

        contentStart = contentEnd = 0;
        var level = hashes - i;
        if (level > 6 || (hashes < end && s[hashes] is not (' ' or '\t')))
        {
            return false;
        }

        contentStart = hashes;
        contentEnd = end;
        while (contentStart < contentEnd && char.IsWhiteSpace(s[contentStart]))
        {
            contentStart++;
        }

        while (contentEnd > contentStart && char.IsWhiteSpace(s[contentEnd - 1]))
        {
            contentEnd--;
        }

        // An optional closing sequence: "## Title ##".
        var closing = contentEnd;
        while (closing > contentStart && s[closing - 1] == '#')
        {
            closing--;
        }

        if (closing < contentEnd && (closing == contentStart || s[closing - 1] is ' ' or '\t'))
        {
            contentEnd = closing;
            while (contentEnd > contentStart && char.IsWhiteSpace(s[contentEnd - 1]))
            {
                contentEnd--;
            }
        }

        return true;
    }

    private bool IsThematicBreak(int i, int end)
    {
        var s = _source;
        var c = s[i];
        if (c is not ('-' or '*' or '_'))
        {
            return false;
        }

        var count = 0;
        for (var k = i; k < end; k++)
        {
            if (s[k] == c)
            {
                count++;
            }
            else if (s[k] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return count >= 3;
    }

    // ---- Inline ----

    private readonly record struct InlineMode(bool SuppressBold, bool AllowLinks, bool AllowMentions);

    private void Inline(int start, int end, CharBuffer output, InlineMode mode, bool newLine = true)
    {
        var first = _count;
        if (newLine)
        {
            // The backtick memo holds for one line (a link label is part of its line).
            _lineEnd = end;
            Array.Fill(_noBacktickRunFrom, int.MaxValue);
        }

        Tokenize(start, end, mode);
        ProcessEmphasis(first, mode.SuppressBold);
        Emit(first, output);
        Array.Clear(_nodes, first, _count - first);
        _count = first;
    }

    private void Tokenize(int start, int end, InlineMode mode)
    {
        var s = _source;
        var i = start;
        var textStart = start;
        while (i < end)
        {
            var found = s.AsSpan(i, end - i).IndexOfAny(InlineSpecial);
            if (found < 0)
            {
                break;
            }

            i += found;
            var c = s[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 < end && AsciiPunctuation.Contains(s[i + 1]))
                    {
                        AddText(textStart, i);
                        AddText(i + 1, i + 2);
                        i += 2;
                        textStart = i;
                    }
                    else
                    {
                        i++;
                    }

                    break;

                case '`':
                    {
                        var run = CountRun(i, end, '`');
                        var close = FindBacktickRun(i + run, end, run);
                        AddText(textStart, i);
                        if (close >= 0)
                        {
                            Add(new Node { Kind = NodeKind.Code, Start = i + run, Length = close - i - run });
                            i = close + run;
                        }
                        else
                        {
                            Add(new Node { Kind = NodeKind.Backticks, Start = i, Length = run });
                            i += run;
                        }

                        textStart = i;
                        break;
                    }

                case '*' or '_' or '~':
                    {
                        var run = CountRun(i, end, c);
                        AddText(textStart, i);
                        AddDelimiter(c, i, run, start, end);
                        i += run;
                        textStart = i;
                        break;
                    }

                case '[':
                    if (mode.AllowLinks && TryLink(i, end, mode, out var linkEnd, out var link))
                    {
                        var open = i > textStart && s[i - 1] == '!' ? i - 1 : i;
                        AddText(textStart, open);
                        Add(new Node { Kind = NodeKind.Raw, Raw = link });
                        i = linkEnd;
                        textStart = i;
                    }
                    else
                    {
                        i++;
                    }

                    break;

                case '<':
                    if (mode.AllowLinks && TryAutolink(i, end, out var autolinkEnd, out var autolink))
                    {
                        AddText(textStart, i);
                        Add(new Node { Kind = NodeKind.Raw, Raw = autolink });
                        i = autolinkEnd;
                        textStart = i;
                    }
                    else
                    {
                        i++;
                    }

                    break;

                case '@':
                    if (mode.AllowMentions && TryMention(i, end, start, textStart, out var mentionEnd))
                    {
                        i = mentionEnd;
                        textStart = i;
                    }
                    else
                    {
                        i++;
                    }

                    break;

                default: // ':'
                    if (TryBareUrl(i, start, textStart, end, out var urlStart, out var urlEnd))
                    {
                        // One text node: the "_" and "*" of a URL never become emphasis.
                        AddText(textStart, urlStart);
                        AddText(urlStart, urlEnd);
                        i = urlEnd;
                        textStart = i;
                    }
                    else
                    {
                        i++;
                    }

                    break;
            }
        }

        AddText(textStart, end);
    }

    private int CountRun(int i, int end, char c)
    {
        var k = i;
        while (k < end && _source[k] == c)
        {
            k++;
        }

        return k - i;
    }

    /// <summary>The start of the next run of exactly <paramref name="length"/> backticks, or -1.</summary>
    private int FindBacktickRun(int from, int end, int length)
    {
        var memo = length <= BacktickMemoSize && end == _lineEnd;
        if (memo && from >= _noBacktickRunFrom[length])
        {
            return -1;
        }

        var s = _source;
        var i = from;
        while (i < end)
        {
            var found = s.AsSpan(i, end - i).IndexOf('`');
            if (found < 0)
            {
                break;
            }

            i += found;
            var run = CountRun(i, end, '`');
            if (run == length)
            {
                return i;
            }

            i += run;
        }

        if (memo)
        {
            _noBacktickRunFrom[length] = Math.Min(_noBacktickRunFrom[length], from);
        }

        return -1;
    }

    private void AddDelimiter(char c, int position, int run, int rangeStart, int end)
    {
        var s = _source;
        var previous = position > rangeStart ? s[position - 1] : ' ';
        var next = position + run < end ? s[position + run] : ' ';
        var previousSpace = char.IsWhiteSpace(previous);
        var nextSpace = char.IsWhiteSpace(next);
        var previousPunctuation = IsPunctuation(previous);
        var nextPunctuation = IsPunctuation(next);
        var leftFlanking = !nextSpace && (!nextPunctuation || previousSpace || previousPunctuation);
        var rightFlanking = !previousSpace && (!previousPunctuation || nextSpace || nextPunctuation);
        bool canOpen, canClose;
        if (c == '_')
        {
            canOpen = leftFlanking && (!rightFlanking || previousPunctuation);
            canClose = rightFlanking && (!leftFlanking || nextPunctuation);
        }
        else
        {
            canOpen = leftFlanking;
            canClose = rightFlanking;
        }

        if (c == '~' && run > 2)
        {
            canOpen = canClose = false;
        }

        Add(new Node
        {
            Kind = NodeKind.Delimiter,
            Start = position,
            Char = c,
            Count = run,
            OriginalCount = run,
            CanOpen = canOpen,
            CanClose = canClose,
            Active = true,
        });
    }

    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    private bool TryLink(int i, int end, InlineMode mode, out int next, out string link)
    {
        var s = _source;
        next = 0;
        link = string.Empty;

        var j = i + 1;
        var depth = 1;
        var limit = Math.Min(end, i + 1 + MaxLinkLabel);
        while (j < limit)
        {
            var c = s[j];
            if (c == '\\')
            {
                j += 2;
                continue;
            }

            if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                break;
            }

            j++;
        }

        if (j >= limit || depth != 0 || j + 1 >= end || s[j + 1] != '(')
        {
            return false;
        }

        var labelEnd = j;
        var k = SkipBlanks(j + 2, end);
        int urlStart, urlEnd;
        if (k < end && s[k] == '<')
        {
            urlStart = k + 1;
            var close = s.AsSpan(urlStart, end - urlStart).IndexOfAny('>', '<');
            if (close < 0 || s[urlStart + close] != '>')
            {
                return false;
            }

            urlEnd = urlStart + close;
            k = urlEnd + 1;
        }
        else
        {
            urlStart = k;
            var parentheses = 0;
            while (k < end && k - urlStart < MaxLinkUrl)
            {
                var c = s[k];
                if (c is ' ' or '\t')
                {
                    break;
                }

                if (c == '\\' && k + 1 < end)
                {
                    k += 2;
                    continue;
                }

                if (c == '(')
                {
                    parentheses++;
                }
                else if (c == ')')
                {
                    if (parentheses == 0)
                    {
                        break;
                    }

                    parentheses--;
                }

                k++;
            }

            urlEnd = Math.Min(k, end);
        }

        k = SkipBlanks(k, end);
        if (k < end && s[k] is '"' or '\'' or '(')
        {
            var closeTitle = s[k] == '(' ? ')' : s[k];
            var close = s.AsSpan(k + 1, end - k - 1).IndexOf(closeTitle);
            if (close < 0)
            {
                return false;
            }

            k = SkipBlanks(k + 1 + close + 1, end);
        }

        if (k >= end || s[k] != ')')
        {
            return false;
        }

        next = k + 1;
        using var buffer = new CharBuffer(64 + (urlEnd - urlStart) + (labelEnd - i));
        var url = s.AsSpan(urlStart, urlEnd - urlStart);
        if (IsLinkable(url))
        {
            buffer.Append('<');
            AppendUrl(buffer, url);
            var mark = buffer.Length;
            buffer.Append('|');
            Inline(i + 1, labelEnd, buffer, mode with { AllowLinks = false, AllowMentions = false }, newLine: false);
            if (!buffer.Span[(mark + 1)..].IsWhiteSpace())
            {
                buffer.Append('>');
            }
            else
            {
                buffer.Truncate(mark);
                buffer.Append('>');
            }
        }
        else
        {
            // A relative or unknown link: its words, then where it pointed.
            Inline(i + 1, labelEnd, buffer, mode with { AllowLinks = false, AllowMentions = false }, newLine: false);
            if (!url.IsEmpty)
            {
                buffer.Append(" (");
                SlackText.AppendEscaped(buffer, url);
                buffer.Append(')');
            }
        }

        link = buffer.ToString();
        return true;
    }

    private int SkipBlanks(int k, int end)
    {
        while (k < end && _source[k] is ' ' or '\t')
        {
            k++;
        }

        return k;
    }

    private bool TryAutolink(int i, int end, out int next, out string link)
    {
        var s = _source;
        next = 0;
        link = string.Empty;
        var j = i + 1;
        var limit = Math.Min(end, i + 1 + MaxLinkUrl);
        while (j < limit && s[j] is not ('>' or '<') && !char.IsWhiteSpace(s[j]))
        {
            j++;
        }

        if (j >= limit || s[j] != '>' || !IsLinkable(s.AsSpan(i + 1, j - i - 1)))
        {
            return false;
        }

        using var buffer = new CharBuffer(j - i + 16);
        buffer.Append('<');
        AppendUrl(buffer, s.AsSpan(i + 1, j - i - 1));
        buffer.Append('>');
        link = buffer.ToString();
        next = j + 1;
        return true;
    }

    private static bool IsLinkable(ReadOnlySpan<char> url) =>
        (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && url.Length > 8)
        || (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && url.Length > 7)
        || (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && url.Length > 7);

    /// <summary>A URL inside <c>&lt;…&gt;</c>: <c>&amp;</c> escaped, characters that would end the token percent-encoded.</summary>
    private static void AppendUrl(CharBuffer output, ReadOnlySpan<char> url)
    {
        for (var k = 0; k < url.Length; k++)
        {
            var c = url[k];
            switch (c)
            {
                case '&':
                    output.Append("&amp;");
                    break;
                case '<':
                    output.Append("%3C");
                    break;
                case '>':
                    output.Append("%3E");
                    break;
                case '|':
                    output.Append("%7C");
                    break;
                case ' ':
                    output.Append("%20");
                    break;
                case '\\' when k + 1 < url.Length && AsciiPunctuation.Contains(url[k + 1]):
                    // A Markdown escape in the destination: keep the escaped character.
                    break;
                default:
                    if (char.IsHighSurrogate(c) && k + 1 < url.Length && char.IsLowSurrogate(url[k + 1]))
                    {
                        output.Append(c);
                        output.Append(url[++k]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        output.Append("%EF%BF%BD");
                    }
                    else if (c >= ' ' && c != '\u007F')
                    {
                        output.Append(c);
                    }

                    break;
            }
        }
    }

    private bool TryMention(int i, int end, int rangeStart, int textStart, out int next)
    {
        var s = _source;
        next = 0;
        if (i > rangeStart)
        {
            var previous = s[i - 1];
            if (char.IsLetterOrDigit(previous) || previous is '.' or '-' or '+' or '@' or '/' or '\\' || char.IsSurrogate(previous))
            {
                return false;
            }
        }

        var j = i + 1;
        while (j < end && j - i - 1 < MaxUsername && IsUsernameChar(s[j]))
        {
            j++;
        }

        // Trailing punctuation ends a sentence, not a name: "thanks @ada."
        while (j > i + 1 && s[j - 1] is '.' or '-' or '_')
        {
            j--;
        }

        if (j == i + 1)
        {
            return false;
        }

        var name = s.AsSpan(i + 1, j - i - 1);
        var broadcast = name.Equals("here", StringComparison.OrdinalIgnoreCase) ? "<!here>"
            : name.Equals("channel", StringComparison.OrdinalIgnoreCase) ? "<!channel>"
            : name.Equals("everyone", StringComparison.OrdinalIgnoreCase) ? "<!everyone>"
            : null;

        AddText(textStart, i);
        if (broadcast is not null)
        {
            Add(new Node { Kind = NodeKind.Raw, Raw = broadcast });
        }
        else
        {
            var username = name.ToString();
            _mentions?.Add(username);
            var slackUserId = _users.IsEmpty ? null : _users.Find(username);
            if (slackUserId is not null)
            {
                Add(new Node { Kind = NodeKind.Mention, Raw = slackUserId });
            }
            else
            {
                // One text node, so that the "_" of "@ada_l" never starts emphasis.
                AddText(i, j);
            }
        }

        next = j;
        return true;
    }

    private static bool IsUsernameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' || (c > 0x7F && char.IsLetterOrDigit(c));

    private bool TryBareUrl(int colon, int rangeStart, int textStart, int end, out int urlStart, out int urlEnd)
    {
        var s = _source;
        urlStart = urlEnd = 0;
        if (colon + 3 > end || s[colon + 1] != '/' || s[colon + 2] != '/')
        {
            return false;
        }

        if (colon - 5 >= textStart && s.AsSpan(colon - 5, 5).Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            urlStart = colon - 5;
        }
        else if (colon - 4 >= textStart && s.AsSpan(colon - 4, 4).Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            urlStart = colon - 4;
        }
        else
        {
            return false;
        }

        if (urlStart > rangeStart && char.IsLetterOrDigit(s[urlStart - 1]))
        {
            return false;
        }

        var j = colon + 3;
        while (j < end && !char.IsWhiteSpace(s[j]) && s[j] is not ('<' or '>' or '`'))
        {
            j++;
        }

        while (j > colon + 3)
        {
            var last = s[j - 1];
            if (UrlTrailingPunctuation.Contains(last))
            {
                j--;
            }
            else if (last == ')' && s.AsSpan(urlStart, j - urlStart).Count('(') < s.AsSpan(urlStart, j - urlStart).Count(')'))
            {
                j--;
            }
            else
            {
                break;
            }
        }

        if (j == colon + 3)
        {
            return false;
        }

        urlEnd = j;
        return true;
    }

    // ---- Emphasis ----

    private void ProcessEmphasis(int first, bool suppressBold)
    {
        // CommonMark's "openers bottom", by delimiter character, whether the closer can open, and length mod 3.
        Span<int> bottom = stackalloc int[18];
        bottom.Fill(first - 1);
        var nodes = _nodes;
        var ci = first;
        while (ci < _count)
        {
            ref var closer = ref nodes[ci];
            if (closer.Kind != NodeKind.Delimiter || !closer.CanClose || closer.Count == 0)
            {
                ci++;
                continue;
            }

            var slot = (closer.Char switch { '*' => 0, '_' => 1, _ => 2 } * 6) + (closer.CanOpen ? 3 : 0) + (closer.OriginalCount % 3);
            var oi = -1;
            for (var j = ci - 1; j > bottom[slot]; j--)
            {
                ref var candidate = ref nodes[j];
                if (candidate.Kind != NodeKind.Delimiter || candidate.Char != closer.Char || !candidate.CanOpen || candidate.Count == 0 || !candidate.Active)
                {
                    continue;
                }

                if (closer.Char == '~')
                {
                    if (candidate.Count != closer.Count)
                    {
                        continue;
                    }
                }
                else if ((candidate.CanClose || closer.CanOpen)
                    && (candidate.OriginalCount + closer.OriginalCount) % 3 == 0
                    && !(candidate.OriginalCount % 3 == 0 && closer.OriginalCount % 3 == 0))
                {
                    continue;
                }

                oi = j;
                break;
            }

            if (oi < 0)
            {
                bottom[slot] = ci - 1;
                ci++;
                continue;
            }

            ref var opener = ref nodes[oi];
            var used = closer.Char == '~' ? closer.Count : opener.Count >= 2 && closer.Count >= 2 ? 2 : 1;
            var markup = closer.Char == '~' ? "~" : used == 2 ? (suppressBold ? string.Empty : "*") : "_";
            opener.OpenMarkup = opener.OpenMarkup is null ? markup : markup + opener.OpenMarkup;
            closer.CloseMarkup = closer.CloseMarkup is null ? markup : closer.CloseMarkup + markup;
            opener.Count -= used;
            closer.Count -= used;
            for (var j = oi + 1; j < ci; j++)
            {
                nodes[j].Active = false;
            }

            if (closer.Count == 0)
            {
                ci++;
            }
        }
    }

    private void Emit(int first, CharBuffer output)
    {
        var s = _source;
        for (var k = first; k < _count; k++)
        {
            ref var node = ref _nodes[k];
            switch (node.Kind)
            {
                case NodeKind.Text:
                    SlackText.AppendEscaped(output, s.AsSpan(node.Start, node.Length));
                    break;
                case NodeKind.Raw:
                    output.Append(node.Raw);
                    break;
                case NodeKind.Mention:
                    output.Append("<@");
                    output.Append(node.Raw);
                    output.Append('>');
                    break;
                case NodeKind.Code:
                    {
                        var content = s.AsSpan(node.Start, node.Length);
                        if (content.Length >= 2 && content[0] == ' ' && content[^1] == ' ' && !content.IsWhiteSpace())
                        {
                            content = content[1..^1];
                        }

                        SlackText.AppendBacktick(output);
                        SlackText.AppendEscaped(output, content);
                        SlackText.AppendBacktick(output);
                        break;
                    }

                case NodeKind.Backticks:
                    for (var b = 0; b < node.Length; b++)
                    {
                        SlackText.AppendBacktick(output);
                    }

                    break;
                default:
                    output.Append(node.CloseMarkup);
                    output.Append(node.Char, node.Count);
                    output.Append(node.OpenMarkup);
                    break;
            }
        }
    }

    // ---- Nodes ----

    private void AddText(int start, int end)
    {
        if (end > start)
        {
            Add(new Node { Kind = NodeKind.Text, Start = start, Length = end - start });
        }
    }

    private void Add(Node node)
    {
        if (_count == _nodes.Length)
        {
            PooledArrays.Grow(ref _nodes, _count);
        }

        _nodes[_count++] = node;
    }

    private struct Node
    {
        public NodeKind Kind;
        public char Char;
        public bool CanOpen;
        public bool CanClose;
        public bool Active;
        public int Start;
        public int Length;
        public int Count;
        public int OriginalCount;
        public string? Raw;
        public string? OpenMarkup;
        public string? CloseMarkup;
    }
}
