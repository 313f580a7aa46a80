using CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.MsTeams;

namespace CodeStream.Integrations.Application.MsTeams.Sharing;

/// <summary>The Teams threads a codemark was shared to, and the Teams messages of its replies, for <c>sharedTo[]</c>.</summary>
internal sealed class TeamsCopies(IMsTeamsShareRepository shares) : IProviderCopies
{
    public async Task<CodemarkCopies> ListAsync(CodemarkId codemarkId, CancellationToken cancellationToken)
    {
        var threads = await shares.ListSharesAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        var copies = await shares.ListMessageCopiesAsync(codemarkId, cancellationToken).ConfigureAwait(false);
        var teamOfThread = threads.ToDictionary(t => t.ConversationId, t => t.TeamsTeamId, StringComparer.Ordinal);
        return new CodemarkCopies(
            [.. threads.Select(ToDto)],
            copies.ToLookup(
                c => c.PostId.Value,
                c => new SharedToDto(
                    MsTeamsShare.ProviderId, teamOfThread.GetValueOrDefault(c.ConversationId, string.Empty), null, MsTeamsShare.ChannelOf(c.ConversationId),
                    null, c.ActivityId, null, false)));
    }

    internal static SharedToDto ToDto(MsTeamsShare share) => new(
        MsTeamsShare.ProviderId, share.TeamsTeamId, share.TeamsTeamName, share.ChannelId, null, share.RootActivityId, null, share.DeletedAt is not null);
}
