using CodeStream.Integrations.Domain.Teams;
using FluentValidation;

namespace CodeStream.Integrations.Application.Teams.CreateTeam;

internal sealed class CreateTeamValidator : AbstractValidator<CreateTeamCommand>
{
    public CreateTeamValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(Team.MaxNameLength);
}
