using CodeStream.Integrations.Application.Slack.Events.GetInbox;
using CodeStream.Integrations.Application.Slack.Events.RetryFailedInbox;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>Operators' window on all durable work (docs/slack-behaviour.md, “Operations”): counts, age, failed items with reasons, and a retry of any kind.</summary>
internal static class InboxEndpoints
{
    public static RouteGroupBuilder MapInboxEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/slack/inbox", GetInbox).WithSummary("Durable work: counts, oldest age, and the items in a state");
        api.MapPost("/slack/inbox/retry", RetryFailed).WithSummary("Retry failed work items, all or of one kind or id");
        return api;
    }

    private static async Task<Ok<InboxDto>> GetInbox(string? state, int? limit, string? kind, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetInboxQuery(state, limit ?? 100, kind), cancellationToken));

    private static async Task<Ok<RetriedDto>> RetryFailed(string? kind, string? id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RetriedDto(await mediator.Send(new RetryFailedInboxCommand(kind, id), cancellationToken)));

    internal sealed record RetriedDto(int Retried);
}
