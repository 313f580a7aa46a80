using CodeStream.Integrations.Application.Slack.Connect.StartSlackConnect;
using CodeStream.Integrations.Application.Slack.Status.UpdateSlackStatus;
using CodeStream.Integrations.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>A user's Slack connection: connect (OAuth), status.</summary>
internal static class SlackUserEndpoints
{
    public static RouteGroupBuilder MapSlackUserEndpoints(this RouteGroupBuilder api)
    {
        var slack = api.MapGroup("/users/{userId}/slack");
        slack.MapPost("/connect", Connect)
            .WithSummary("A single-use link that connects the user to Slack (OAuth v2) in their browser").JsonBody<ConnectSlackBody>()
            .Problems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        slack.MapPut("/status", UpdateStatus)
            .WithSummary("Set or clear the user's Slack status; slackTeamId may be left out with one workspace connected")
            .JsonBody<SlackStatusBody>().SlackProblems();
        return api;
    }

    private static async Task<Ok<SlackConnectLink>> Connect(string userId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<ConnectSlackBody>(request);
        return TypedResults.Ok(await mediator.Send(new StartSlackConnectCommand(userId, body.TeamId), request.HttpContext.RequestAborted));
    }

    private static async Task<NoContent> UpdateStatus(string userId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<SlackStatusBody>(request);
        await mediator.Send(
            new UpdateSlackStatusCommand(userId, body.SlackTeamId, body.Text, body.Emoji, body.ExpiresAt), request.HttpContext.RequestAborted);
        return TypedResults.NoContent();
    }
}
