using System.Buffers;
using System.Globalization;

namespace CodeStream.Integrations.Application.Slack.Formatting;

/// <summary>
/// A growable character buffer on <see cref="ArrayPool{T}"/> arrays, so the formatters build text without
/// intermediate strings. Dispose it to give the array back.
/// </summary>
internal sealed class CharBuffer : IDisposable
{
    private char[] _chars;
    private int _length;

    public CharBuffer(int capacity = 256) => _chars = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));

    public int Length => _length;

    public char this[int index] => _chars[index];

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    public bool EndsWith(char value) => _length > 0 && _chars[_length - 1] == value;

    public void Clear() => _length = 0;

    /// <summary>Drops everything from <paramref name="length"/> on.</summary>
    public void Truncate(int length)
    {
        if ((uint)length < (uint)_length)
        {
            _length = length;
        }
    }

    public void Append(char value)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = value;
    }

    public void Append(char value, int count)
    {
        if (count <= 0)
        {
            return;
        }

        EnsureCapacity(count);
        _chars.AsSpan(_length, count).Fill(value);
        _length += count;
    }

    public void Append(string? value) => Append(value.AsSpan());

    public void Append(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        EnsureCapacity(value.Length);
        value.CopyTo(_chars.AsSpan(_length));
        _length += value.Length;
    }

    public void Append(long value)
    {
        EnsureCapacity(20);
        value.TryFormat(_chars.AsSpan(_length), out var written, provider: CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Trims trailing white space (spaces, tabs, line breaks).</summary>
    public void TrimEnd()
    {
        while (_length > 0 && char.IsWhiteSpace(_chars[_length - 1]))
        {
            _length--;
        }
    }

    /// <summary>Whether the buffer holds anything besides white space.</summary>
    public bool HasVisibleText() => !Span.IsWhiteSpace();

    public override string ToString() => new(_chars, 0, _length);

    public void Dispose()
    {
        var chars = _chars;
        _chars = [];
        _length = 0;
        if (chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void EnsureCapacity(int additional)
    {
        if (_chars.Length - _length < additional)
        {
            Grow(additional);
        }
    }

    private void Grow(int additional)
    {
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + additional));
        _chars.AsSpan(0, _length).CopyTo(next);
        if (_chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_chars);
        }

        _chars = next;
    }
}
