using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.MsTeams.Sharing.ShareCodemarkToTeams;
using CodeStream.Integrations.Application.Slack.Sharing.ListShareTargets;
using CodeStream.Integrations.Application.Slack.Sharing.ShareCodemark;
using CodeStream.Integrations.Domain.MsTeams;
using CodeStream.Integrations.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>Sharing to Slack: share a codemark, list where a user can share.</summary>
internal static class ShareEndpoints
{
    public static RouteGroupBuilder MapShareEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/codemarks/{codemarkId}/shares", Share)
            .WithSummary("Share a codemark to a Slack conversation or (provider msteams) a Teams channel (201), or answer the existing share (200)")
            .JsonBody<ShareCodemarkBody>().SlackProblems();
        api.MapGet("/users/{userId}/slack/conversations", ListTargets)
            .WithSummary("Where the user can share in a Slack workspace: channels, private channels, group DMs, DMs").SlackProblems();
        return api;
    }

    private static async Task<Results<Created<SharedToDto>, Ok<SharedToDto>>> Share(string codemarkId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<ShareCodemarkBody>(request);
        if (string.Equals(body.Provider, MsTeamsShare.ProviderId, StringComparison.OrdinalIgnoreCase))
        {
            var toTeams = await mediator.Send(
                new ShareCodemarkToTeamsCommand(codemarkId, body.UserId, body.MsTeamsTeamId, body.ChannelId), request.HttpContext.RequestAborted);
            return toTeams.Created ? TypedResults.Created($"/api/v1/codemarks/{codemarkId}", toTeams.Share) : TypedResults.Ok(toTeams.Share);
        }

        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var result = await mediator.Send(
            new ShareCodemarkCommand(codemarkId, body.UserId, body.SlackTeamId, body.ChannelId, body.UserIds, key), request.HttpContext.RequestAborted);
        return result.Created
            ? TypedResults.Created($"/api/v1/codemarks/{codemarkId}", result.Share)
            : TypedResults.Ok(result.Share);
    }

    private static async Task<Ok<IReadOnlyList<ShareTargetDto>>> ListTargets(
        string userId, string? slackTeamId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListShareTargetsQuery(userId, slackTeamId), cancellationToken));
}
