using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Web.Common;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>Slack's errors as HTTP answers a CodeStream client can act on.</summary>
internal sealed class SlackErrors : IProblemMapper
{
    public IResult? Map(Exception exception) => exception switch
    {
        SlackUnavailableException unavailable => TypedResults.Problem(
            detail: unavailable.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Slack is not available on this server."),
        SlackNotConnectedException notConnected => TypedResults.Problem(
            detail: notConnected.Message, statusCode: StatusCodes.Status409Conflict, title: "Connect Slack."),
        SlackApiException slack => Describe(slack) is var (status, title)
            ? WithRetryAfter(
                TypedResults.Problem(
                    detail: slack.Message,
                    statusCode: status,
                    title: title,
                    extensions: new Dictionary<string, object?> { ["slackError"] = slack.Error, ["neededScope"] = slack.NeededScope }),
                slack.RetryAfter)
            : null,
        _ => null,
    };

    /// <summary>A rate limit tells the client when to try again (Slack's <c>Retry-After</c>, rounded up).</summary>
    private static IResult WithRetryAfter(IResult problem, TimeSpan? retryAfter) =>
        retryAfter is { } after ? new RetryAfterResult(problem, (long)Math.Ceiling(after.TotalSeconds)) : problem;

    private sealed class RetryAfterResult(IResult inner, long seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    private static (int Status, string Title) Describe(SlackApiException exception) => exception.Error switch
    {
        "channel_not_found" or "user_not_found" or "users_not_found" or "message_not_found" =>
            (StatusCodes.Status404NotFound, "Slack could not find it."),
        "is_archived" => (StatusCodes.Status409Conflict, "The Slack channel is archived."),
        "not_in_channel" or "cant_invite_self" or "cant_invite" => (StatusCodes.Status409Conflict, "Not a member of the Slack channel."),
        "missing_scope" => (StatusCodes.Status403Forbidden, $"The Slack app lacks a permission ({exception.NeededScope ?? "unknown scope"}); reconnect Slack."),
        _ when exception.IsTokenRevoked => (StatusCodes.Status409Conflict, "Reconnect Slack."),
        "ratelimited" or SlackApiException.Unavailable => (StatusCodes.Status503ServiceUnavailable, "Slack is unavailable; try again later."),
        _ => (StatusCodes.Status502BadGateway, "Slack refused the request."),
    };
}
