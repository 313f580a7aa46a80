using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Messages;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Sync.SyncCodemarkToTeams;

/// <summary>Updates (edit) or deletes (delete) the card of every live Teams share of a codemark.</summary>
public sealed record SyncCodemarkToTeamsCommand(string CodemarkId, string Change) : IFlow<WorkOutcome>, ILogContext
{
    public const string Deleted = "deleted";

    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["CodemarkId"] = CodemarkId, ["Change"] = Change };
}

/// <summary>Records that the share's card is gone from Teams.</summary>
public sealed record MarkTeamsShareDeletedCommand(string ConversationId, DateTimeOffset At) : ICommand<Unit>;

internal sealed class MarkTeamsShareDeletedHandler(IMsTeamsShareRepository shares) : IRequestHandler<MarkTeamsShareDeletedCommand, Unit>
{
    public async Task<Unit> Handle(MarkTeamsShareDeletedCommand request, CancellationToken cancellationToken)
    {
        await shares.MarkShareDeletedAsync(request.ConversationId, request.At, cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }
}

internal sealed class SyncCodemarkToTeamsHandler(
    ICodemarkRepository codemarks, IUserRepository users, IMsTeamsShareRepository shares, IBotConnector connector, MsTeamsSettings settings, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SyncCodemarkToTeamsCommand, WorkOutcome>
{
    public async Task<WorkOutcome> Handle(SyncCodemarkToTeamsCommand request, CancellationToken cancellationToken)
    {
        if (!CodemarkId.TryParse(request.CodemarkId, out var codemarkId) || await codemarks.GetAsync(codemarkId, cancellationToken).ConfigureAwait(false) is not { } codemark)
        {
            return WorkOutcome.Ignored("codemark-not-found");
        }

        var threads = (await shares.ListSharesAsync(codemarkId, cancellationToken).ConfigureAwait(false)).Where(s => s.DeletedAt is null).ToList();
        var author = await users.GetAsync(codemark.CreatorId, cancellationToken).ConfigureAwait(false);
        foreach (var thread in threads)
        {
            if (request.Change == SyncCodemarkToTeamsCommand.Deleted || codemark.IsDeleted)
            {
                try
                {
                    await connector.DeleteAsync(thread.ServiceUrl, thread.ConversationId, thread.RootActivityId, cancellationToken).ConfigureAwait(false);
                }
                catch (BotConnectorException exception) when (exception.IsNotFound)
                {
                    // Already gone in Teams.
                }

                await mediator.Send(new MarkTeamsShareDeletedCommand(thread.ConversationId, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var card = TeamsCodemarkCard.RenderActivity(new TeamsCardInput(codemark, author?.DisplayName ?? "Someone", settings.WebBaseUrl));
                try
                {
                    await connector.UpdateAsync(thread.ServiceUrl, thread.ConversationId, thread.RootActivityId, card, cancellationToken).ConfigureAwait(false);
                }
                catch (BotConnectorException exception) when (exception.IsNotFound)
                {
                    // The card was deleted in Teams: that share has ended; the other threads still get the edit.
                    await mediator.Send(new MarkTeamsShareDeletedCommand(thread.ConversationId, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return threads.Count == 0 ? WorkOutcome.Ignored("nothing-to-sync") : WorkOutcome.Done($"{threads.Count} Teams card(s)");
    }
}
