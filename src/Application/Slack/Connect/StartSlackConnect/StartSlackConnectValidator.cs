using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using FluentValidation;

namespace CodeStream.Integrations.Application.Slack.Connect.StartSlackConnect;

internal sealed class StartSlackConnectValidator : AbstractValidator<StartSlackConnectCommand>
{
    public StartSlackConnectValidator()
    {
        RuleFor(c => c.UserId).MustBeId(UserId.Prefix);
        RuleFor(c => c.TeamId).MustBeId(TeamId.Prefix);
    }
}
