using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Sharing.ListShareTargets;

internal sealed class ListShareTargetsValidator : AbstractValidator<ListShareTargetsQuery>
{
    public ListShareTargetsValidator()
    {
        RuleFor(q => q.UserId).MustBeId(UserId.Prefix);
        RuleFor(q => q.SlackTeamId).NotEmpty().Must(id => SlackTeamId.TryParse(id, out _))
            .WithMessage("'{PropertyName}' must be a Slack workspace id (T…).");
    }
}
