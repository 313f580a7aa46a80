using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Sharing.ShareCodemark;

internal sealed class ShareCodemarkValidator : AbstractValidator<ShareCodemarkCommand>
{
    public const int MaxPeople = 8;

    public ShareCodemarkValidator()
    {
        RuleFor(c => c.CodemarkId).MustBeId(CodemarkId.Prefix);
        RuleFor(c => c.UserId).MustBeId(UserId.Prefix);
        RuleFor(c => c.SlackTeamId).NotEmpty().Must(id => SlackTeamId.TryParse(id, out _))
            .WithMessage("'{PropertyName}' must be a Slack workspace id (T…).");
        RuleFor(c => c.ChannelId).Must(id => SlackChannelId.TryParse(id, out _))
            .When(c => c.ChannelId is not null)
            .WithMessage("'{PropertyName}' must be a Slack conversation id (C…, G… or D…).");
        RuleFor(c => c)
            .Must(c => (c.ChannelId is null) != (c.SlackUserIds is null || c.SlackUserIds.Count == 0))
            .WithName("ChannelId")
            .WithMessage("Give either 'channelId' or 'userIds' (Slack user ids), not both and not neither.");
        RuleFor(c => c.SlackUserIds).Must(ids => ids is null || ids.Count <= MaxPeople)
            .WithMessage($"'{{PropertyName}}' may name at most {MaxPeople} people.");
        RuleForEach(c => c.SlackUserIds).Must(id => SlackUserId.TryParse(id, out _))
            .WithMessage("Each entry of 'userIds' must be a Slack user id (U… or W…).");
        RuleFor(c => c.IdempotencyKey).MaximumLength(200);
    }
}
