using System.Buffers;

namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>
/// Slack mrkdwn → CodeStream Markdown (docs/slack-behaviour.md, “Text from Slack”): <c>&lt;@U1&gt;</c> → <c>@username</c> (else the label, else
/// <c>@U1</c>), <c>&lt;#C1|general&gt;</c> → <c>#general</c>, <c>&lt;url|label&gt;</c> → <c>[label](url)</c>,
/// <c>&lt;url&gt;</c> → <c>url</c>, <c>&lt;mailto:a@b|a@b&gt;</c> → <c>a@b</c>, <c>&lt;!here&gt;</c> → <c>@here</c>,
/// <c>&lt;!subteam^S1|@team&gt;</c> → <c>@team</c>, <c>&lt;!date^…|fallback&gt;</c> → the fallback, entities
/// unescaped, <c>*b*</c>/<c>_i_</c>/<c>~s~</c> → <c>**b**</c>/<c>_i_</c>/<c>~~s~~</c>, code kept (only unescaped).
/// </summary>
public static class MrkdwnToMarkdown
{
    public static SlackTextConversion Convert(string slackText, Func<string, string?> usernameForSlackUserId)
    {
        ArgumentNullException.ThrowIfNull(usernameForSlackUserId);
        if (string.IsNullOrEmpty(slackText))
        {
            return new SlackTextConversion(string.Empty, []);
        }

        using var output = new CharBuffer(slackText.Length + 16);
        using var converter = new Converter(slackText, usernameForSlackUserId, output);
        converter.Run();
        return new SlackTextConversion(output.ToString(), converter.Mentions is { } mentions ? mentions : []);
    }

    private sealed class Converter(string source, Func<string, string?> usernameFor, CharBuffer output) : IDisposable
    {
        private const int MaxToken = 8000;

        private static readonly SearchValues<char> Special = SearchValues.Create("`<*_~\n");

        private Node[] _nodes = ArrayPool<Node>.Shared.Rent(32);
        private int _count;

        private enum NodeKind : byte
        {
            Text,
            Raw,
            Code,
            Delimiter,
            LineBreak,
        }

        private List<string>? _mentions;

        public List<string>? Mentions => _mentions;

        public void Dispose()
        {
            ArrayPool<Node>.Shared.Return(_nodes, clearArray: true);
            _nodes = [];
        }

        public void Run()
        {
            var s = source;
            var position = 0;
            while (position < s.Length)
            {
                var open = s.IndexOf("```", position, StringComparison.Ordinal);
                var close = open < 0 ? -1 : s.IndexOf("```", open + 3, StringComparison.Ordinal);
                if (close < 0)
                {
                    ConvertText(position, s.Length);
                    return;
                }

                ConvertText(position, open);
                AppendCodeBlock(open + 3, close);
                position = close + 3;
                if (position < s.Length && s[position] != '\n')
                {
                    output.Append('\n');
                }
            }
        }

        private void AppendCodeBlock(int start, int end)
        {
            if (output.Length > 0 && !output.EndsWith('\n'))
            {
                output.Append('\n');
            }

            if (start < end && source[start] == '\n')
            {
                start++;
            }

            if (end > start && source[end - 1] == '\n')
            {
                end--;
            }

            output.Append("```\n");
            MrkdwnTokens.AppendUnescaped(output, source.AsSpan(start, end - start));
            output.Append("\n```");
        }

        // ---- Text between code blocks ----

        private void ConvertText(int start, int end)
        {
            if (start >= end)
            {
                return;
            }

            Tokenize(start, end);
            MatchDelimiters();
            Emit();
            Array.Clear(_nodes, 0, _count);
            _count = 0;
        }

        private void Tokenize(int start, int end)
        {
            var s = source;
            var i = start;
            var textStart = start;
            var lineEnd = LineEnd(start, end);
            while (i < end)
            {
                var found = s.AsSpan(i, end - i).IndexOfAny(Special);
                if (found < 0)
                {
                    break;
                }

                i += found;
                switch (s[i])
                {
                    case '\n':
                        AddText(textStart, i);
                        Add(new Node { Kind = NodeKind.LineBreak });
                        i++;
                        textStart = i;
                        lineEnd = LineEnd(i, end);
                        break;

                    case '`':
                        {
                            // Slack code spans stay on one line; an unmatched backtick is the last one on its line.
                            var close = s.AsSpan(i + 1, lineEnd - i - 1).IndexOf('`');
                            if (close > 0)
                            {
                                AddText(textStart, i);
                                Add(new Node { Kind = NodeKind.Code, Start = i + 1, Length = close });
                                i += close + 2;
                                textStart = i;
                            }
                            else
                            {
                                i += close == 0 ? 2 : 1;
                            }

                            break;
                        }

                    case '<':
                        {
                            var limit = Math.Min(lineEnd, i + 1 + MaxToken);
                            var close = s.AsSpan(i + 1, limit - i - 1).IndexOfAny('>', '<');
                            if (close >= 0 && s[i + 1 + close] == '>' && MrkdwnTokens.Convert(s.AsSpan(i + 1, close), usernameFor, ref _mentions) is { } token)
                            {
                                AddText(textStart, i);
                                Add(new Node { Kind = NodeKind.Raw, Raw = token });
                                i += close + 2;
                                textStart = i;
                            }
                            else
                            {
                                i++;
                            }

                            break;
                        }

                    default:
                        {
                            var c = s[i];
                            var run = i;
                            while (run < end && s[run] == c)
                            {
                                run++;
                            }

                            if (run - i == 1)
                            {
                                AddText(textStart, i);
                                var previous = i > start ? s[i - 1] : ' ';
                                var next = i + 1 < end ? s[i + 1] : ' ';
                                Add(new Node
                                {
                                    Kind = NodeKind.Delimiter,
                                    Char = c,
                                    CanOpen = !char.IsWhiteSpace(next) && !char.IsLetterOrDigit(previous),
                                    CanClose = !char.IsWhiteSpace(previous) && !char.IsLetterOrDigit(next),
                                    Previous = -1,
                                });
                                textStart = i + 1;
                            }

                            // "**" and longer runs are not Slack formatting: they stay as they are.
                            i = run;
                            break;
                        }
                }
            }

            AddText(textStart, end);
        }

        private int LineEnd(int from, int end)
        {
            if (from >= end)
            {
                return end;
            }

            var newline = source.AsSpan(from, end - from).IndexOf('\n');
            return newline < 0 ? end : from + newline;
        }

        private void MatchDelimiters()
        {
            Span<int> top = stackalloc int[3];
            top.Fill(-1);
            var nodes = _nodes;
            for (var k = 0; k < _count; k++)
            {
                ref var node = ref nodes[k];
                if (node.Kind == NodeKind.LineBreak)
                {
                    top.Fill(-1);
                    continue;
                }

                if (node.Kind != NodeKind.Delimiter)
                {
                    continue;
                }

                var slot = node.Char switch { '*' => 0, '_' => 1, _ => 2 };
                if (node.CanClose && top[slot] >= 0)
                {
                    var opener = top[slot];
                    nodes[opener].Matched = true;
                    node.Matched = true;
                    top[slot] = nodes[opener].Previous;

                    // Formatting never crosses: openers of other kinds inside the matched pair are closed off.
                    for (var other = 0; other < 3; other++)
                    {
                        while (top[other] > opener)
                        {
                            top[other] = nodes[top[other]].Previous;
                        }
                    }
                }
                else if (node.CanOpen)
                {
                    node.Previous = top[slot];
                    top[slot] = k;
                }
            }
        }

        private void Emit()
        {
            for (var k = 0; k < _count; k++)
            {
                ref var node = ref _nodes[k];
                switch (node.Kind)
                {
                    case NodeKind.Text:
                        MrkdwnTokens.AppendUnescaped(output, source.AsSpan(node.Start, node.Length));
                        break;
                    case NodeKind.Raw:
                        output.Append(node.Raw);
                        break;
                    case NodeKind.Code:
                        output.Append('`');
                        MrkdwnTokens.AppendUnescaped(output, source.AsSpan(node.Start, node.Length));
                        output.Append('`');
                        break;
                    case NodeKind.LineBreak:
                        output.Append('\n');
                        break;
                    default:
                        if (!node.Matched)
                        {
                            output.Append(node.Char);
                        }
                        else
                        {
                            output.Append(node.Char switch { '*' => "**", '~' => "~~", _ => "_" });
                        }

                        break;
                }
            }
        }

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
            public bool Matched;
            public int Start;
            public int Length;
            public int Previous;
            public string? Raw;
        }
    }
}
