using CodeStream.Integrations.Application.Common.WorkQueue;
using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Events.GetInbox;

internal sealed class GetInboxValidator : AbstractValidator<GetInboxQuery>
{
    public GetInboxValidator()
    {
        RuleFor(q => q.State).Must(s => s is null || Enum.TryParse<WorkItemState>(s, ignoreCase: true, out _) && !int.TryParse(s, out _))
            .WithMessage($"'{{PropertyName}}' must be one of: {string.Join(", ", Enum.GetNames<WorkItemState>().Select(n => n.ToLowerInvariant()))}.");
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000);
        RuleFor(q => q.Kind).MaximumLength(64);
    }
}
