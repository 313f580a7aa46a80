using CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Application.Slack.Sharing;

/// <summary>The Slack threads a codemark was shared to, and the Slack messages of each of its replies, for <c>sharedTo[]</c>.</summary>
internal sealed class SlackCopies(ISlackShareRepository shares) : IProviderCopies
{
    public async Task<CodemarkCopies> ListAsync(CodemarkId codemarkId, CancellationToken cancellationToken)
    {
        var codemarkShares = await shares.ListSharesAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        var messageCopies = await shares.ListMessageCopiesAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        return new CodemarkCopies(
            [.. codemarkShares.Select(ToDto)],
            messageCopies.ToLookup(c => c.PostId.Value, ToDto));
    }

    internal static SharedToDto ToDto(CodemarkShare share) => new(
        share.ProviderId, share.SlackTeamId.Value, share.SlackTeamName, share.ChannelId.Value, share.ChannelName, share.Ts.Value,
        share.Permalink, share.DeletedInSlackAt is not null);

    private static SharedToDto ToDto(SlackMessageCopy copy) => new(
        CodemarkShare.SlackProviderId, copy.SlackTeamId.Value, null, copy.ChannelId.Value, null, copy.Ts.Value, copy.Permalink, false);
}
