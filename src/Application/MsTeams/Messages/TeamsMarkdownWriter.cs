using System.Text;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// Turns the text and tags of Teams HTML into CodeStream Markdown, in one pass, over a <see cref="MarkdownLayout"/>.
/// Inline code, <c>&lt;pre&gt;</c> blocks and mentions are gathered before they are written, because their
/// delimiters (or, for a mention, the username) depend on their whole content; lists give their items bullets.
/// </summary>
internal sealed class TeamsMarkdownWriter(Func<string, string?>? usernameForMention)
{
    private readonly MarkdownLayout _layout = new();
    private readonly StringBuilder _gathered = new();
    private readonly MarkdownLists _lists = new();

    private Gathering _gathering;
    private bool _spaceBeforeGathered;
    private int _preDepth;

    private enum Gathering
    {
        None,
        Pre,
        Code,
        Mention,
    }

    public void Text(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Char(c);
                Char(text[++i]);
            }
            else
            {
                Char(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
    }

    /// <summary>A table cell's edge: a space between cells.</summary>
    public void Space() => Char(' ');

    /// <summary>A block's edge: <paramref name="count"/> line breaks (2: a blank line) before the next text.</summary>
    public void Break(int count)
    {
        if (_gathering == Gathering.Pre)
        {
            if (_gathered.Length > 0 && _gathered[^1] != '\n')
            {
                _gathered.Append('\n');
            }

            return;
        }

        // Inside a list a paragraph's edge is a line break: a blank line would make the list loose.
        EndGathering();
        _layout.Break(_lists.IsEmpty ? count : Math.Min(count, 1));
    }

    public void LineBreak()
    {
        switch (_gathering)
        {
            case Gathering.Pre:
                _gathered.Append('\n');
                break;
            case Gathering.Code or Gathering.Mention:
                Char(' ');
                break;
            default:
                _layout.LineBreak();
                break;
        }
    }

    /// <summary>Emphasis and links outside code and mentions (inside, their text is what counts).</summary>
    public void OpenMark(string tag, string open, string close)
    {
        if (_gathering == Gathering.None)
        {
            _layout.OpenMark(tag, open, close);
        }
    }

    public void CloseMark(string tag)
    {
        if (_gathering == Gathering.None)
        {
            _layout.CloseMark(tag);
        }
    }

    public void BeginCode() => BeginGathering(Gathering.Code);

    public void EndCode()
    {
        if (_gathering == Gathering.Code)
        {
            EndGathering();
        }
    }

    public void BeginMention() => BeginGathering(Gathering.Mention);

    public void EndMention()
    {
        if (_gathering == Gathering.Mention)
        {
            EndGathering();
        }
    }

    public void BeginPre()
    {
        if (_gathering == Gathering.Pre)
        {
            _preDepth++;
            return;
        }

        Break(2);
        _gathering = Gathering.Pre;
        _gathered.Clear();
        _preDepth = 1;
    }

    /// <summary>Writes the gathered block in a fence longer than any run of backticks in it.</summary>
    public void EndPre()
    {
        if (_gathering != Gathering.Pre || --_preDepth > 0)
        {
            return;
        }

        _gathering = Gathering.None;
        var code = _gathered.ToString().TrimEnd();
        _gathered.Clear();
        if (code.Length > 0)
        {
            var fence = new string('`', Math.Max(3, LongestRun(code) + 1));
            _layout.Block(string.Concat(fence, "\n", code, "\n", fence));
        }
    }

    public void BeginList(bool ordered)
    {
        Break(_lists.IsEmpty ? 2 : 1);
        _lists.Push(ordered);
    }

    public void EndList()
    {
        _lists.Pop();
        EndItem();
        Break(_lists.IsEmpty ? 2 : 1);
    }

    public void BeginItem()
    {
        Break(1);
        if (_gathering != Gathering.Pre)
        {
            _layout.Bullet(_lists.NextBullet());
        }
    }

    /// <summary>An item's end (an empty item shows nothing).</summary>
    public void EndItem()
    {
        if (_gathering != Gathering.Pre)
        {
            _layout.Bullet(null);
        }

        Break(1);
    }

    /// <summary>Closes whatever is still open and returns the Markdown, trimmed.</summary>
    public string Finish()
    {
        if (_gathering == Gathering.Pre)
        {
            _preDepth = 1;
            EndPre();
        }

        EndGathering();
        return _layout.Finish();
    }

    private void Char(char c)
    {
        if (c == '\r')
        {
            if (_gathering == Gathering.Pre)
            {
                return;
            }

            c = ' ';
        }
        else if (char.IsControl(c) && c is not ('\n' or '\t'))
        {
            c = ' ';
        }

        switch (_gathering)
        {
            case Gathering.Pre:
                // As in HTML, a newline right after <pre> is not content.
                if (c != '\n' || _gathered.Length > 0)
                {
                    _gathered.Append(c);
                }

                break;
            case Gathering.Code or Gathering.Mention:
                if (!char.IsWhiteSpace(c))
                {
                    _gathered.Append(c);
                }
                else if (_gathered.Length == 0)
                {
                    _spaceBeforeGathered = true;
                }
                else if (_gathered[^1] != ' ')
                {
                    _gathered.Append(' ');
                }

                break;
            default:
                if (char.IsWhiteSpace(c))
                {
                    _layout.Space();
                }
                else
                {
                    _layout.Visible(c);
                }

                break;
        }
    }

    private void BeginGathering(Gathering gathering)
    {
        if (_gathering != Gathering.None)
        {
            return;
        }

        _gathering = gathering;
        _gathered.Clear();
        _spaceBeforeGathered = false;
    }

    /// <summary>Writes gathered inline code (in enough backticks) or a mention (<c>@username</c>, else <c>@Name</c>).</summary>
    private void EndGathering()
    {
        var gathering = _gathering;
        if (gathering is not (Gathering.Code or Gathering.Mention))
        {
            return;
        }

        _gathering = Gathering.None;
        var spaceAfter = _gathered.Length > 0 && _gathered[^1] == ' ';
        var content = _gathered.ToString().Trim();
        _gathered.Clear();
        if (_spaceBeforeGathered)
        {
            _layout.Space();
        }

        if (content.Length == 0)
        {
            return;
        }

        if (gathering == Gathering.Mention)
        {
            var name = content.TrimStart('@');
            var username = name.Length > 0 ? usernameForMention?.Invoke(name) : null;
            _layout.Inline("@" + (string.IsNullOrWhiteSpace(username) ? name : username.Trim()));
        }
        else
        {
            var ticks = new string('`', LongestRun(content) + 1);
            var pad = content[0] == '`' || content[^1] == '`' ? " " : string.Empty;
            _layout.Inline(string.Concat(ticks, pad, content, pad, ticks));
        }

        if (spaceAfter)
        {
            _layout.Space();
        }
    }

    private static int LongestRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
