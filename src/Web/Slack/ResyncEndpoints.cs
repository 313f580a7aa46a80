using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.Slack.Resync.GetSlackResync;
using CodeStream.Integrations.Application.Slack.Resync.StartSlackResync;
using CodeStream.Integrations.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// Operators' resync (docs/resync.md): <c>POST /api/v1/slack/resync</c> (optional <c>{slackTeamId, since}</c>) reads the
/// shared threads again and answers 202 with the run; <c>GET /api/v1/slack/resync/{id}</c> shows its progress.
/// </summary>
internal static class ResyncEndpoints
{
    public static RouteGroupBuilder MapResyncEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/slack/resync", StartAsync)
            .WithSummary("Read the recently active shared threads again (optional body)").JsonBody<StartResyncBody>()
            .Problems(StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/slack/resync/{id}", GetAsync).WithSummary("A resync run's progress").Problems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Accepted<SlackResyncRun>> StartAsync(HttpRequest request, IMediator mediator)
    {
        var body = request.ContentLength is 0 || (request.ContentLength is null && !request.HasJsonContentType())
            ? new StartResyncBody(null, null)
            : await JsonBody.ReadAsync<StartResyncBody>(request);
        var run = await mediator.Send(new StartSlackResyncCommand(body.SlackTeamId, body.Since, "api"), request.HttpContext.RequestAborted);
        return TypedResults.Accepted($"/api/v1/slack/resync/{run!.Id}", run);
    }

    private static async Task<Ok<SlackResyncRun>> GetAsync(string id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetSlackResyncQuery(id), cancellationToken));
}
