using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.MsTeams;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Sync.SyncReplyToTeams;

/// <summary>Brings every Teams thread of the reply's codemark in step with the reply (post, update or delete the bot's copy).</summary>
public sealed record SyncReplyToTeamsCommand(string ReplyId, string Change, string? CodemarkId) : IFlow<WorkOutcome>, ILogContext
{
    public const string Edited = "edited";

    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["CodemarkId"] = CodemarkId, ["ReplyId"] = ReplyId, ["Change"] = Change };
}

/// <summary>Records the copy the bot just posted into a thread, so a rerun posts no twin.</summary>
public sealed record RecordTeamsCopyCommand(MsTeamsMessageCopy Copy) : ICommand<bool>;

internal sealed class RecordTeamsCopyHandler(IMsTeamsShareRepository shares) : IRequestHandler<RecordTeamsCopyCommand, bool>
{
    public Task<bool> Handle(RecordTeamsCopyCommand request, CancellationToken cancellationToken) => shares.TryAddMessageCopyAsync(request.Copy, cancellationToken);
}
