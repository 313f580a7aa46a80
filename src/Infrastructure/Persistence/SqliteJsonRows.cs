using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CodeStream.Integrations.Infrastructure.Persistence;

/// <summary>
/// Many rows as one SQLite parameter: a JSON array of arrays, read back with <c>json_each(@Rows)</c> and
/// <c>value -&gt;&gt; n</c>. SQLite binds a named parameter by searching the statement's list of names, so a multi-row
/// statement with a parameter per value costs the square of its values (it was most of the acknowledgement path's
/// time); one parameter costs one JSON parse, in C. (PostgreSQL binds by position and keeps its multi-row form.)
/// </summary>
internal sealed class SqliteJsonRows : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private bool _open;

    public SqliteJsonRows()
    {
        _writer = new Utf8JsonWriter(_buffer, Options);
        _writer.WriteStartArray();
    }

    public SqliteJsonRows Row()
    {
        EndRow();
        _writer.WriteStartArray();
        _open = true;
        return this;
    }

    public SqliteJsonRows Add(string? value)
    {
        if (value is null)
        {
            _writer.WriteNullValue();
        }
        else
        {
            _writer.WriteStringValue(value);
        }

        return this;
    }

    public SqliteJsonRows Add(long value)
    {
        _writer.WriteNumberValue(value);
        return this;
    }

    /// <summary>The JSON text to bind as the statement's one parameter.</summary>
    public string ToJson()
    {
        EndRow();
        _writer.WriteEndArray();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();

    private void EndRow()
    {
        if (_open)
        {
            _writer.WriteEndArray();
            _open = false;
        }
    }
}
