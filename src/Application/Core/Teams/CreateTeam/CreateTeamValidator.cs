using CodeStream.Integrations.Domain.Core.Teams;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Teams.CreateTeam;

internal sealed class CreateTeamValidator : AbstractValidator<CreateTeamCommand>
{
    public CreateTeamValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(Team.MaxNameLength);
}
