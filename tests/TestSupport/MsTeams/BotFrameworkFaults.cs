using System.Globalization;

namespace CodeStream.Integrations.TestSupport.MsTeams;

/// <summary>
/// Failures queued by <see cref="FakeBotFramework.FailNext"/>, consumed in the order they were queued by the first
/// matching request. Not thread-safe: used under the state lock.
/// </summary>
internal sealed class BotFrameworkFaults
{
    private const string Message = "Failure injected by the test (FakeBotFramework.FailNext).";

    private readonly List<Fault> _pending = [];

    public int Pending => _pending.Sum(f => f.Remaining);

    public void Enqueue(string method, string pathContains, int statusCode, int times, int? retryAfterSeconds, string? errorCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(pathContains);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        if (retryAfterSeconds is { } seconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(retryAfterSeconds));
        }

        _pending.Add(new Fault(method, pathContains, statusCode, retryAfterSeconds, errorCode) { Remaining = times });
    }

    /// <summary>
    /// The injected answer for this request, or null when no fault matches. <paramref name="oauthShape"/> picks Entra ID's
    /// error body (token endpoint) over the connector's.
    /// </summary>
    public BotFrameworkResponse? TryAnswer(string method, string path, bool oauthShape)
    {
        var fault = _pending.Find(f =>
            string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase)
            && path.Contains(f.PathContains, StringComparison.Ordinal));
        if (fault is null)
        {
            return null;
        }

        if (--fault.Remaining == 0)
        {
            _pending.Remove(fault);
        }

        var retryAfter = fault.RetryAfterSeconds ?? (fault.StatusCode == 429 ? 1 : (int?)null);
        var headers = new List<(string Name, string Value)>();
        if (retryAfter is { } seconds)
        {
            headers.Add(("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        return oauthShape
            ? BotFrameworkResponse.OAuthError(fault.StatusCode, fault.ErrorCode ?? OAuthCode(fault.StatusCode), Message, headers.ToArray())
            : BotFrameworkResponse.ConnectorError(fault.StatusCode, fault.ErrorCode ?? ConnectorCode(fault.StatusCode), Message, headers.ToArray());
    }

    private static string ConnectorCode(int statusCode) => statusCode switch
    {
        400 => "BadArgument",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "ConversationNotFound",
        412 => "PreconditionFailed",
        413 => "MessageSizeTooBig",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "ServiceError",
    };

    private static string OAuthCode(int statusCode) => statusCode switch
    {
        400 => "invalid_request",
        401 => "invalid_client",
        _ => "temporarily_unavailable",
    };

    private sealed class Fault(string method, string pathContains, int statusCode, int? retryAfterSeconds, string? errorCode)
    {
        public string Method { get; } = method;

        public string PathContains { get; } = pathContains;

        public int StatusCode { get; } = statusCode;

        public int? RetryAfterSeconds { get; } = retryAfterSeconds;

        public string? ErrorCode { get; } = errorCode;

        public int Remaining { get; set; }
    }
}
