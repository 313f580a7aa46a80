using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.RenameSlackChannel;

/// <summary>
/// <c>channel_rename</c> / <c>group_rename</c>: the shares into that channel take its new name, in the order of the
/// events' <c>event_ts</c> (a late older rename changes nothing).
/// </summary>
public sealed record RenameSlackChannelCommand(string SlackTeamId, SlackEventBody Event) : ICommand<WorkOutcome>;

internal sealed class RenameSlackChannelHandler(ISlackShareRepository shares) : IRequestHandler<RenameSlackChannelCommand, WorkOutcome>
{
    private const int MaxChannelNameLength = 80; // Slack's own limit

    public async Task<WorkOutcome> Handle(RenameSlackChannelCommand request, CancellationToken cancellationToken)
    {
        if (request.Event.RenamedChannel is not { Name: { Length: > 0 and <= MaxChannelNameLength } name } channel
            || !SlackTeamId.TryParse(request.SlackTeamId, out var slackTeamId)
            || !SlackChannelId.TryParse(channel.Id, out var channelId)
            || !SlackTs.TryParse(request.Event.EventTs, out var renamedAt))
        {
            return WorkOutcome.Ignored("malformed-rename");
        }

        var renamed = await shares.RenameChannelAsync(slackTeamId, channelId, name, renamedAt, cancellationToken).ConfigureAwait(false);
        return renamed == 0 ? WorkOutcome.Ignored("no-share-renamed") : WorkOutcome.Done($"{renamed} share(s) now in #{name}");
    }
}
