using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Events.AcceptSlackEvent;

internal sealed class AcceptSlackEventValidator : AbstractValidator<AcceptSlackEventCommand>
{
    public AcceptSlackEventValidator()
    {
        RuleFor(c => c.EventId).NotEmpty().MaximumLength(128);
        RuleFor(c => c.RawJson).NotEmpty();
    }
}
