using System.Text;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// The Markdown being written from Teams HTML, laid out lazily: whitespace collapses, line breaks and list bullets
/// are written only when text follows, and emphasis opens at its first visible character and closes before trailing
/// spaces (<c>&lt;b&gt; x &lt;/b&gt;</c> → <c> **x** </c>) and at every paragraph's edge (Markdown emphasis does not
/// cross paragraphs), so that the Markdown means what the message showed.
/// </summary>
internal sealed class MarkdownLayout
{
    private const int MaxMarks = 32;

    private readonly StringBuilder _output = new();
    private readonly List<Mark> _marks = [];

    private int _pendingBreaks;
    private bool _pendingSpace;
    private bool _marksPending;
    private string? _pendingBullet;

    /// <summary>Whitespace: one space before the next text on the same line.</summary>
    public void Space() => _pendingSpace = true;

    /// <summary>A visible character, after the due layout.</summary>
    public void Visible(char c)
    {
        BeginText();
        _output.Append(c);
    }

    /// <summary>Inline text written as it is (code, a mention), after the due layout.</summary>
    public void Inline(string text)
    {
        BeginText();
        _output.Append(text);
    }

    /// <summary>A block (a code fence) on lines of its own, emphasis kept out of it.</summary>
    public void Block(string text)
    {
        Break(2);
        WriteLayout();
        _output.Append(text);
        Break(2);
    }

    /// <summary>A block's edge: <paramref name="count"/> line breaks (2: a blank line) before the next text.</summary>
    public void Break(int count)
    {
        SuspendMarks();
        _pendingSpace = false;
        if (_pendingBullet is null)
        {
            // A list item's bullet, once due, is the line's start.
            _pendingBreaks = Math.Max(_pendingBreaks, count);
        }
    }

    /// <summary><c>&lt;br&gt;</c>: a line break; two make a blank line.</summary>
    public void LineBreak()
    {
        if (_pendingBullet is null)
        {
            _pendingBreaks = Math.Min(_pendingBreaks + 1, 2);
            _pendingSpace = false;
        }
    }

    /// <summary>The bullet (indent included) that starts the next text's line; null drops a bullet not yet written.</summary>
    public void Bullet(string? bullet) => _pendingBullet = bullet;

    /// <summary>Emphasis (or a link) whose <paramref name="open"/> and <paramref name="close"/> surround its text.</summary>
    public void OpenMark(string tag, string open, string close)
    {
        if (_marks.Count >= MaxMarks)
        {
            return;
        }

        // The same emphasis twice ("<b><strong>x") would read as other Markdown: the inner one is kept silent.
        var repeated = open.Length > 0 && _marks.Exists(mark => mark.Open == open);
        _marks.Add(repeated ? new Mark(tag, string.Empty, string.Empty) : new Mark(tag, open, close));
        _marksPending = true;
    }

    /// <summary>Closes the innermost open <paramref name="tag"/>, and what was left open inside it.</summary>
    public void CloseMark(string tag)
    {
        var index = _marks.FindLastIndex(mark => mark.Tag == tag);
        for (var i = _marks.Count - 1; index >= 0 && i >= index; i--)
        {
            if (_marks[i].Emitted)
            {
                _output.Append(_marks[i].Close);
            }

            _marks.RemoveAt(i);
        }
    }

    /// <summary>Closes whatever emphasis is open and returns the Markdown, trimmed.</summary>
    public string Finish()
    {
        SuspendMarks();
        _marks.Clear();
        return _output.ToString().Trim();
    }

    private void BeginText()
    {
        WriteLayout();
        if (_pendingSpace)
        {
            if (_output.Length > 0 && _output[^1] != '\n')
            {
                _output.Append(' ');
            }

            _pendingSpace = false;
        }

        if (_marksPending)
        {
            foreach (var mark in _marks)
            {
                if (!mark.Emitted)
                {
                    _output.Append(mark.Open);
                    mark.Emitted = true;
                }
            }

            _marksPending = false;
        }
    }

    /// <summary>The due line breaks (none at the very start, none twice) and list bullet.</summary>
    private void WriteLayout()
    {
        if (_pendingBreaks > 0 && _output.Length > 0)
        {
            var trailing = 0;
            while (trailing < _pendingBreaks && trailing < _output.Length && _output[_output.Length - 1 - trailing] == '\n')
            {
                trailing++;
            }

            _output.Append('\n', _pendingBreaks - trailing);
            _pendingSpace = false;
        }

        _pendingBreaks = 0;
        if (_pendingBullet is not null)
        {
            _output.Append(_pendingBullet);
            _pendingBullet = null;
            _pendingSpace = false;
        }
    }

    /// <summary>Ends the open emphasis; it opens again at the next text.</summary>
    private void SuspendMarks()
    {
        for (var i = _marks.Count - 1; i >= 0; i--)
        {
            if (_marks[i].Emitted)
            {
                _output.Append(_marks[i].Close);
                _marks[i].Emitted = false;
            }
        }

        _marksPending = _marks.Count > 0;
    }

    private sealed class Mark(string tag, string open, string close)
    {
        public string Tag { get; } = tag;

        public string Open { get; } = open;

        public string Close { get; } = close;

        public bool Emitted { get; set; }
    }
}
