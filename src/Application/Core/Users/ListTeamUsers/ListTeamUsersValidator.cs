using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Teams;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Users.ListTeamUsers;

internal sealed class ListTeamUsersValidator : AbstractValidator<ListTeamUsersQuery>
{
    public ListTeamUsersValidator() => RuleFor(q => q.TeamId).MustBeId(TeamId.Prefix);
}
