using CodeStream.Integrations.Application.Common.Exceptions;

namespace CodeStream.Integrations.Application.MsTeams.Common;

/// <summary>
/// The Bot Connector refused a call (an HTTP status and, when Microsoft said, its error code) or could not be
/// reached (<see cref="StatusCode"/> 0). 429, 5xx and no answer are transient: the work queue tries again.
/// </summary>
public sealed class BotConnectorException(string call, int statusCode, string? code, TimeSpan? retryAfter = null, Exception? inner = null)
    : RemoteServiceException($"Bot Connector {call} answered {(statusCode == 0 ? "nothing" : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(code is null ? string.Empty : $" ({code})")}.", inner)
{
    public string Call { get; } = call;

    public int StatusCode { get; } = statusCode;

    public string? Code { get; } = code;

    public override bool IsTransient => StatusCode is 0 or 408 or 429 or >= 500;

    public override TimeSpan? RetryAfter { get; } = statusCode == 429 ? retryAfter ?? TimeSpan.FromSeconds(1) : null;

    public override string Reason => $"msteams {Call}: {(StatusCode == 0 ? "unreachable" : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(Code is null ? string.Empty : " " + Code)}";

    /// <summary>The thing addressed is gone (a deleted message, a removed conversation): the goal of a delete is reached.</summary>
    public bool IsNotFound => StatusCode == 404;
}
