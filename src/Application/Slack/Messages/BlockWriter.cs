using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Formatting;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// Writes a Block Kit <c>blocks</c> array with <see cref="Utf8JsonWriter"/> (no reflection) on pooled memory, and
/// keeps the message's action ids unique. String values are JSON-escaped here, in bulk, and written raw: the encoder
/// path of <see cref="Utf8JsonWriter"/> is slow on code full of line breaks and quotes.
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    // Only what JSON requires is escaped ("<", "&" and non-ASCII stay as they are): Slack reads UTF-8 JSON.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly PooledByteBufferWriter _buffer;
    private readonly Utf8JsonWriter _json;
    // What a JSON string cannot hold as is, plus surrogates (checked for pairs).
    private static readonly SearchValues<char> JsonSpecial = SearchValues.Create(BuildJsonSpecial());

    private readonly HashSet<string> _actionIds = new(StringComparer.Ordinal);
    private readonly CharBuffer _scratch = new(BlockKitLimits.MaxSectionText + 256);
    private int _elements;

    public BlockWriter(int initialCapacity)
    {
        _buffer = new PooledByteBufferWriter(initialCapacity);
        _json = new Utf8JsonWriter(_buffer, Options);
        _json.WriteStartArray();
    }

    public int BlockCount { get; private set; }

    /// <summary>The characters of every text object written so far (see <see cref="BlockKitLimits.MaxBlocksText"/>).</summary>
    public int TextLength { get; private set; }

    /// <summary>A section block with mrkdwn text (the caller keeps it within 3000 characters).</summary>
    public void Section(ReadOnlySpan<char> mrkdwn)
    {
        _json.WriteStartObject();
        _json.WriteString("type"u8, "section"u8);
        _json.WriteStartObject("text"u8);
        _json.WriteString("type"u8, "mrkdwn"u8);
        String("text"u8, mrkdwn);
        TextLength += mrkdwn.Length;
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
        String("text"u8, text);
        TextLength += text.Length;
        _json.WriteEndObject();
        if (url is not null)
        {
            String("url"u8, url);
        }

        String("action_id"u8, actionId);
        _json.WriteEndObject();
        _elements++;
    }

    public void Divider()
    {
        _json.WriteStartObject();
        _json.WriteString("type"u8, "divider"u8);
        _json.WriteEndObject();
        BlockCount++;
    }

    /// <summary>An input block holding a plain-text input (a modal's text box).</summary>
    public void PlainTextInput(string blockId, string label, string actionId, string placeholder, bool multiline)
    {
        StartBlock("input"u8, blockId);
        PlainTextObject("label"u8, label);
        _json.WriteStartObject("element"u8);
        _json.WriteString("type"u8, "plain_text_input"u8);
        String("action_id"u8, actionId);
        _json.WriteBoolean("multiline"u8, multiline);
        PlainTextObject("placeholder"u8, placeholder);
        _json.WriteEndObject();
        _json.WriteEndObject();
        BlockCount++;
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

    /// <summary>Ends the array and returns a modal view holding it.</summary>
    public string FinishModal(string title, string close, string? submit = null, string? callbackId = null, string? privateMetadata = null)
    {
        _json.WriteEndArray();
        _json.Flush();
        using var view = new PooledByteBufferWriter(_buffer.WrittenSpan.Length + 512);
        using (var json = new Utf8JsonWriter(view, Options))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "modal"u8);
            if (callbackId is not null)
            {
                json.WriteString("callback_id"u8, callbackId);
            }

            WritePlainText(json, "title"u8, title);
            if (submit is not null)
            {
                WritePlainText(json, "submit"u8, submit);
            }

            WritePlainText(json, "close"u8, close);
            if (privateMetadata is not null)
            {
                json.WriteString("private_metadata"u8, privateMetadata);
            }

            json.WritePropertyName("blocks"u8);
            json.WriteRawValue(_buffer.WrittenSpan, skipInputValidation: true);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(view.WrittenSpan);
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
        _scratch.Dispose();
    }

    private static string BuildJsonSpecial()
    {
        var chars = new StringBuilder("\"\\");
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }

    /// <summary>A string property, escaped for JSON in bulk (a lone surrogate becomes U+FFFD) and written raw.</summary>
    private void String(ReadOnlySpan<byte> name, ReadOnlySpan<char> value)
    {
        var scratch = _scratch;
        scratch.Clear();
        scratch.Append('"');
        while (!value.IsEmpty)
        {
            var next = value.IndexOfAny(JsonSpecial);
            if (next < 0)
            {
                scratch.Append(value);
                break;
            }

            scratch.Append(value[..next]);
            var c = value[next];
            var used = 1;
            switch (c)
            {
                case '"':
                    scratch.Append("\\\"");
                    break;
                case '\\':
                    scratch.Append("\\\\");
                    break;
                case '\n':
                    scratch.Append("\\n");
                    break;
                case '\t':
                    scratch.Append("\\t");
                    break;
                case '\r':
                    scratch.Append("\\r");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && next + 1 < value.Length && char.IsLowSurrogate(value[next + 1]))
                    {
                        scratch.Append(c);
                        scratch.Append(value[next + 1]);
                        used = 2;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        scratch.Append('\uFFFD');
                    }
                    else
                    {
                        scratch.Append("\\u00");
                        scratch.Append(HexDigit(c >> 4));
                        scratch.Append(HexDigit(c & 0xF));
                    }

                    break;
            }

            value = value[(next + used)..];
        }

        scratch.Append('"');
        _json.WritePropertyName(name);
        _json.WriteRawValue(scratch.Span, skipInputValidation: true);
    }

    private void PlainTextObject(ReadOnlySpan<byte> name, string text)
    {
        _json.WriteStartObject(name);
        _json.WriteString("type"u8, "plain_text"u8);
        String("text"u8, text);
        _json.WriteEndObject();
    }

    // Modal titles and button labels: short constant texts of ours.
    private static void WritePlainText(Utf8JsonWriter json, ReadOnlySpan<byte> name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("type"u8, "plain_text"u8);
        json.WriteString("text"u8, text);
        json.WriteEndObject();
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    private void StartBlock(ReadOnlySpan<byte> type, string? blockId)
    {
        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
        if (blockId is not null)
        {
            String("block_id"u8, blockId);
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
        String("text"u8, text);
        TextLength += text.Length;
        _json.WriteEndObject();
        _elements++;
    }
}
