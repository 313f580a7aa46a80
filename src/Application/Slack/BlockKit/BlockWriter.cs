using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CodeStream.Integrations.Application.Slack.BlockKit;

/// <summary>
/// Writes a Block Kit <c>blocks</c> array with <see cref="Utf8JsonWriter"/> (no reflection) on pooled memory, and
/// keeps the message's action ids unique.
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    // Only what JSON requires is escaped ("<", "&" and non-ASCII stay as they are): Slack reads UTF-8 JSON, and mrkdwn
    // entities must reach it untouched.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly PooledByteBufferWriter _buffer;
    private readonly Utf8JsonWriter _json;
    private readonly HashSet<string> _actionIds = new(StringComparer.Ordinal);
    private int _elements;

    public BlockWriter(int initialCapacity)
    {
        _buffer = new PooledByteBufferWriter(initialCapacity);
        _json = new Utf8JsonWriter(_buffer, Options);
        _json.WriteStartArray();
    }

    public int BlockCount { get; private set; }

    /// <summary>A section block with mrkdwn text (the caller keeps it within 3000 characters).</summary>
    public void Section(ReadOnlySpan<char> mrkdwn)
    {
        _json.WriteStartObject();
        _json.WriteString("type"u8, "section"u8);
        _json.WriteStartObject("text"u8);
        _json.WriteString("type"u8, "mrkdwn"u8);
        _json.WriteString("text"u8, mrkdwn);
        _json.WriteEndObject();
        _json.WriteEndObject();
        BlockCount++;
    }

    /// <summary>A context block with one mrkdwn element.</summary>
    public void Context(ReadOnlySpan<char> mrkdwn, string? blockId = null)
    {
        StartContext(blockId);
        ContextMrkdwn(mrkdwn);
        EndBlock();
    }

    public void StartContext(string? blockId = null)
    {
        StartBlock("context"u8, blockId);
        _json.WriteStartArray("elements"u8);
        _elements = 0;
    }

    public void ContextMrkdwn(ReadOnlySpan<char> mrkdwn) => ContextElement("mrkdwn"u8, mrkdwn);

    public void ContextPlain(ReadOnlySpan<char> text) => ContextElement("plain_text"u8, text);

    public void StartActions(string? blockId = null)
    {
        StartBlock("actions"u8, blockId);
        _json.WriteStartArray("elements"u8);
        _elements = 0;
    }

    /// <summary>A button: a link when <paramref name="url"/> is given, else an interactive one.</summary>
    public void Button(string text, string? url, string actionId)
    {
        if (_elements >= BlockKitLimits.MaxActionsElements)
        {
            throw new InvalidOperationException("An actions block holds at most 25 elements.");
        }

        _json.WriteStartObject();
        _json.WriteString("type"u8, "button"u8);
        _json.WriteStartObject("text"u8);
        _json.WriteString("type"u8, "plain_text"u8);
        _json.WriteString("text"u8, text);
        _json.WriteEndObject();
        if (url is not null)
        {
            _json.WriteString("url"u8, url);
        }

        _json.WriteString("action_id"u8, actionId);
        _json.WriteEndObject();
        _elements++;
    }

    public void EndBlock()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        BlockCount++;
    }

    /// <summary>Claims <paramref name="actionId"/> for this message: false when too long or already used.</summary>
    public bool TryClaimActionId(string actionId) => actionId.Length <= BlockKitLimits.MaxActionId && _actionIds.Add(actionId);

    /// <summary>Ends the array and returns the JSON.</summary>
    public string Finish()
    {
        _json.WriteEndArray();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }

    private void StartBlock(ReadOnlySpan<byte> type, string? blockId)
    {
        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
        if (blockId is not null)
        {
            _json.WriteString("block_id"u8, blockId);
        }
    }

    private void ContextElement(ReadOnlySpan<byte> type, ReadOnlySpan<char> text)
    {
        if (_elements >= BlockKitLimits.MaxContextElements)
        {
            throw new InvalidOperationException("A context block holds at most 10 elements.");
        }

        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
        _json.WriteString("text"u8, text);
        _json.WriteEndObject();
        _elements++;
    }
}
