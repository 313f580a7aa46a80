using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Sharing.ShareCodemark;

/// <summary>Claims (codemark, conversation) for one share in flight: <c>false</c> when another request holds it.</summary>
public sealed record ReserveShareCommand(
    CodemarkId CodemarkId, SlackTeamId SlackTeamId, SlackChannelId ChannelId, DateTimeOffset At, TimeSpan Lifetime, string Intent) : ICommand<bool>;

/// <summary>Posting the card of <see cref="Intent"/> ended without an answer: leave the claim for the next request to reconcile.</summary>
public sealed record ExpireShareReservationCommand(
    CodemarkId CodemarkId, SlackTeamId SlackTeamId, SlackChannelId ChannelId, string Intent, DateTimeOffset StaleAt) : ICommand<Unit>;

/// <summary>Gives the claim back (the share was found, or posting it failed).</summary>
public sealed record ReleaseShareReservationCommand(CodemarkId CodemarkId, SlackTeamId SlackTeamId, SlackChannelId ChannelId) : ICommand<Unit>;

/// <summary>Records the posted share and gives its claim back, together.</summary>
public sealed record RecordShareCommand(CodemarkShare Share, SlackChannelId RequestedChannel) : ICommand<Unit>;

internal sealed class ShareReservationHandlers(ISlackShareRepository shares)
    : IRequestHandler<ReserveShareCommand, bool>,
      IRequestHandler<ExpireShareReservationCommand, Unit>,
      IRequestHandler<ReleaseShareReservationCommand, Unit>,
      IRequestHandler<RecordShareCommand, Unit>
{
    public Task<bool> Handle(ReserveShareCommand request, CancellationToken cancellationToken) =>
        shares.TryReserveAsync(request.CodemarkId, request.SlackTeamId, request.ChannelId, request.At, request.Lifetime, request.Intent, cancellationToken);

    public async Task<Unit> Handle(ExpireShareReservationCommand request, CancellationToken cancellationToken)
    {
        await shares.ExpireReservationAsync(request.CodemarkId, request.SlackTeamId, request.ChannelId, request.Intent, request.StaleAt, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    public async Task<Unit> Handle(ReleaseShareReservationCommand request, CancellationToken cancellationToken)
    {
        await shares.ReleaseReservationAsync(request.CodemarkId, request.SlackTeamId, request.ChannelId, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    public async Task<Unit> Handle(RecordShareCommand request, CancellationToken cancellationToken)
    {
        var share = request.Share;
        await shares.TryAddShareAsync(share, cancellationToken).ConfigureAwait(false);
        await shares.ReleaseReservationAsync(share.CodemarkId, share.SlackTeamId, request.RequestedChannel, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}
