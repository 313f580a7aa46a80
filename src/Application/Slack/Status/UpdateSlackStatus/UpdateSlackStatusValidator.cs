using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Status.UpdateSlackStatus;

internal sealed class UpdateSlackStatusValidator : AbstractValidator<UpdateSlackStatusCommand>
{
    public UpdateSlackStatusValidator()
    {
        RuleFor(c => c.UserId).MustBeId(UserId.Prefix);
        RuleFor(c => c.SlackTeamId).Must(id => SlackTeamId.TryParse(id, out _)).When(c => c.SlackTeamId is not null)
            .WithMessage("'{PropertyName}' must be a Slack workspace id (T…).");
        RuleFor(c => c.Text).MaximumLength(100);
        RuleFor(c => c.Emoji).Matches("^:[a-z0-9_+\\-']+:$").When(c => !string.IsNullOrEmpty(c.Emoji))
            .WithMessage("'{PropertyName}' must look like :emoji_name:.");
        RuleFor(c => c.ExpiresAt).GreaterThanOrEqualTo(0);
    }
}
