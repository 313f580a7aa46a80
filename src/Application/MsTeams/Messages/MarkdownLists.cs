using System.Globalization;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// The HTML lists open while converting Teams HTML, for their items' bullets: <c>- </c> or <c>1. </c>, a nested
/// list indented to its parent item's text. Past 16 levels lists are counted, not indented further.
/// </summary>
internal sealed class MarkdownLists
{
    private const int MaxDepth = 16;

    private readonly List<Level> _levels = [];
    private int _ignored;

    public bool IsEmpty => _levels.Count == 0;

    public void Push(bool ordered)
    {
        if (_levels.Count >= MaxDepth)
        {
            _ignored++;
            return;
        }

        var indent = _levels.Count == 0 ? 0 : _levels[^1].Indent + (_levels[^1].Ordered ? 3 : 2);
        _levels.Add(new Level(ordered, indent));
    }

    public void Pop()
    {
        if (_ignored > 0)
        {
            _ignored--;
        }
        else if (_levels.Count > 0)
        {
            _levels.RemoveAt(_levels.Count - 1);
        }
    }

    /// <summary>The next item's bullet, indent included (<c>- </c> outside any list).</summary>
    public string NextBullet()
    {
        if (_levels.Count == 0)
        {
            return "- ";
        }

        var level = _levels[^1];
        var indent = new string(' ', level.Indent);
        return level.Ordered
            ? string.Create(CultureInfo.InvariantCulture, $"{indent}{level.Next++}. ")
            : indent + "- ";
    }

    private sealed class Level(bool ordered, int indent)
    {
        public bool Ordered { get; } = ordered;

        public int Indent { get; } = indent;

        public int Next { get; set; } = 1;
    }
}
