using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Teams;
using FluentValidation;

namespace CodeStream.Integrations.Application.Users.ListTeamUsers;

internal sealed class ListTeamUsersValidator : AbstractValidator<ListTeamUsersQuery>
{
    public ListTeamUsersValidator() => RuleFor(q => q.TeamId).MustBeId(TeamId.Prefix);
}
