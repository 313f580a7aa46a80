using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.MsTeams;
using FluentValidation;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Sharing.ShareCodemarkToTeams;

/// <summary>Shares a codemark as an Adaptive Card into a channel of a linked Teams team (a new thread).</summary>
public sealed record ShareCodemarkToTeamsCommand(string? CodemarkId, string? UserId, string? MsTeamsTeamId, string? ChannelId)
    : IFlow<ShareToTeamsResult>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?>
    {
        ["CodemarkId"] = CodemarkId,
        ["UserId"] = UserId,
        ["MsTeamsTeamId"] = MsTeamsTeamId,
    };
}

/// <summary>The share, and whether this request made it (201) or found it (200).</summary>
public sealed record ShareToTeamsResult(SharedToDto Share, bool Created);

/// <summary>Records the share the bot just posted; <c>false</c> when a racing request recorded one for that channel first.</summary>
public sealed record RecordTeamsShareCommand(MsTeamsShare Share) : ICommand<bool>;

internal sealed class RecordTeamsShareHandler(IMsTeamsShareRepository shares) : IRequestHandler<RecordTeamsShareCommand, bool>
{
    public Task<bool> Handle(RecordTeamsShareCommand request, CancellationToken cancellationToken) => shares.TryAddShareAsync(request.Share, cancellationToken);
}

internal sealed class ShareCodemarkToTeamsValidator : AbstractValidator<ShareCodemarkToTeamsCommand>
{
    public ShareCodemarkToTeamsValidator()
    {
        RuleFor(c => c.CodemarkId).MustBeId(CodemarkId.Prefix);
        RuleFor(c => c.UserId).MustBeId(UserId.Prefix);
        RuleFor(c => c.MsTeamsTeamId).NotEmpty().MaximumLength(256);
        RuleFor(c => c.ChannelId).NotEmpty().MaximumLength(256).Must(id => id is null || !id.Contains(";messageid=", StringComparison.Ordinal))
            .WithMessage("'{PropertyName}' must be a channel id, not a thread's.");
    }
}
