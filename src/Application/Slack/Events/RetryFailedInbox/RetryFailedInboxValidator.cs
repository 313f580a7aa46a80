using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Events.RetryFailedInbox;

internal sealed class RetryFailedInboxValidator : AbstractValidator<RetryFailedInboxCommand>
{
    public RetryFailedInboxValidator()
    {
        RuleFor(c => c.Kind).MaximumLength(64);
        RuleFor(c => c.Id).MaximumLength(64);
    }
}
