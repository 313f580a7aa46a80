using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Resync.StartSlackResync;

internal sealed class StartSlackResyncValidator : AbstractValidator<StartSlackResyncCommand>
{
    public StartSlackResyncValidator(TimeProvider clock)
    {
        RuleFor(c => c.SlackTeamId).Matches("^[TE][A-Z0-9]{2,}$").When(c => c.SlackTeamId is not null)
            .WithMessage("slackTeamId must be a Slack workspace id (T…).");
        RuleFor(c => c.Since).Must(since => since is null || since <= clock.GetUtcNow())
            .WithMessage("since must not be in the future.");
        RuleFor(c => c.Trigger).NotEmpty();
    }
}
