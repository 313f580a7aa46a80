using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using FluentValidation;

namespace CodeStream.Integrations.Application.Core.Users.AddUser;

internal sealed class AddUserValidator : AbstractValidator<AddUserCommand>
{
    public AddUserValidator()
    {
        RuleFor(c => c.TeamId).MustBeId(TeamId.Prefix);
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(User.MaxEmailLength);
        RuleFor(c => c.Username).NotEmpty().MaximumLength(User.MaxNameLength);
        RuleFor(c => c.FullName).MaximumLength(User.MaxNameLength);
    }
}
