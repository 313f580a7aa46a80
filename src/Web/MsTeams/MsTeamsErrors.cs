using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Web.Common;

namespace CodeStream.Integrations.Web.MsTeams;

/// <summary>How the Teams module's failures reach product API callers: 503 off or unconfigured, 502/503 the Bot Connector.</summary>
internal sealed class MsTeamsErrors : IProblemMapper
{
    public IResult? Map(Exception exception) => exception switch
    {
        MsTeamsUnavailableException unavailable => TypedResults.Problem(
            detail: unavailable.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Microsoft Teams is not available on this server."),
        BotConnectorException connector => TypedResults.Problem(
            detail: connector.Reason,
            statusCode: connector.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
            title: connector.IsTransient ? "Microsoft Teams is unavailable; try again later." : "Microsoft Teams refused the request."),
        _ => null,
    };
}
