using CodeStream.Integrations.Application.Common.Slack;

namespace CodeStream.Integrations.Web.Common;

/// <summary>Slack's error codes as HTTP answers a CodeStream client can act on.</summary>
internal static class SlackErrors
{
    public static (int Status, string Title) Describe(SlackApiException exception) => exception.Error switch
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
