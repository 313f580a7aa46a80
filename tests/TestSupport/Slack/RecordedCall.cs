using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>One Web API request the fake received, with what it answered. Immutable.</summary>
public sealed record RecordedCall
{
    /// <summary>The method name, e.g. <c>chat.postMessage</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Query, form or top-level JSON arguments; non-string JSON values are kept as compact JSON text.</summary>
    public required IReadOnlyDictionary<string, string> Args { get; init; }

    public required string RawBody { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The bearer token (or <c>token</c> argument), if any.</summary>
    public string? Token { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The injected fault that answered this call, if any.</summary>
    public SlackFault? Fault { get; init; }

    public bool HitFault => Fault is not null;

    /// <summary>The HTTP status answered; null for a <see cref="SlackFaultKind.Hang"/>.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The body answered; null for a <see cref="SlackFaultKind.Hang"/>.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The <c>error</c> of an <c>ok:false</c> answer.</summary>
    public string? Error { get; init; }

    public bool Succeeded => StatusCode == 200 && Error is null;

    public string? Arg(string name) => Args.TryGetValue(name, out var value) ? value : null;

    public JsonNode? ParseResponse() => ResponseBody is null ? null : JsonNode.Parse(ResponseBody);
}
