namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>The kinds of failure <see cref="FakeSlackServer.FailNext"/> can inject.</summary>
public enum SlackFaultKind
{
    /// <summary>HTTP 429 with <c>Retry-After</c> and <c>{"ok":false,"error":"ratelimited"}</c>, as Slack answers.</summary>
    RateLimited,

    /// <summary>HTTP 500 with a non-JSON body.</summary>
    ServerError,

    /// <summary>No answer at all until the client aborts the request or the server is disposed.</summary>
    Hang,

    /// <summary>HTTP 200 with <c>{"ok":false,"error":"{code}"}</c>.</summary>
    Error,

    /// <summary>
    /// The method runs (a message is posted) but no answer comes back until the client gives up: the caller cannot
    /// know what happened, as when its host dies or the network drops right after Slack acted.
    /// </summary>
    AnswerLost,
}

/// <summary>A failure the fake answers with instead of running the method; see <see cref="FakeSlackServer.FailNext"/>.</summary>
public sealed record SlackFault
{
    private SlackFault(SlackFaultKind kind, int retryAfterSeconds, string? errorCode)
    {
        Kind = kind;
        RetryAfterSeconds = retryAfterSeconds;
        ErrorCode = errorCode;
    }

    public SlackFaultKind Kind { get; }

    /// <summary>The <c>Retry-After</c> header value of a <see cref="SlackFaultKind.RateLimited"/> fault, otherwise 0.</summary>
    public int RetryAfterSeconds { get; }

    /// <summary>The <c>error</c> code of an <see cref="SlackFaultKind.Error"/> fault, otherwise null.</summary>
    public string? ErrorCode { get; }

    public static SlackFault RateLimited(int retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new SlackFault(SlackFaultKind.RateLimited, retryAfterSeconds, null);
    }

    public static SlackFault ServerError() => new(SlackFaultKind.ServerError, 0, null);

    public static SlackFault Hang() => new(SlackFaultKind.Hang, 0, null);

    public static SlackFault AnswerLost() => new(SlackFaultKind.AnswerLost, 0, null);

    public static SlackFault Error(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new SlackFault(SlackFaultKind.Error, 0, code);
    }

    public override string ToString() => Kind switch
    {
        SlackFaultKind.RateLimited => $"RateLimited(Retry-After: {RetryAfterSeconds})",
        SlackFaultKind.Error => $"Error({ErrorCode})",
        _ => Kind.ToString(),
    };
}
