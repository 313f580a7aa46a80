using CodeStream.Integrations.Application.Common.Behaviors;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Teams.CreateTeam;
using FluentValidation;

namespace CodeStream.Integrations.Application.UnitTests.Common.Behaviors;

public sealed class ValidationBehaviorTests
{
    private static readonly TeamDto Response = new("team_01", "Acme", DateTimeOffset.UnixEpoch);

    private int _nextCalls;

    [Fact]
    public async Task Handle_WhenValidatorsFail_ThrowsValidationExceptionWithAllFailuresAndDoesNotCallNext()
    {
        var nameRules = new InlineValidator<CreateTeamCommand>
        {
            v => v.RuleFor(c => c.Name).NotEmpty(),
            v => v.RuleFor(c => c.Name).Must(n => n?.StartsWith('A') == true).WithMessage("Name must start with A."),
        };
        var otherRules = new InlineValidator<CreateTeamCommand>
        {
            v => v.RuleFor(c => c).Must(_ => false).WithName("Team").WithMessage("Teams are closed."),
        };
        var behavior = new ValidationBehavior<CreateTeamCommand, TeamDto>([nameRules, otherRules]);

        var exception = await Assert.ThrowsAsync<ValidationException>(() =>
            behavior.Handle(new CreateTeamCommand(""), CancellationToken.None, Next));

        Assert.Equal(0, _nextCalls);
        Assert.Equal(["Name", "Name", "Team"], exception.Errors.Select(e => e.PropertyName));
        Assert.Contains(exception.Errors, e => e.ErrorMessage == "Name must start with A.");
        Assert.Contains(exception.Errors, e => e.ErrorMessage == "Teams are closed.");
    }

    [Fact]
    public async Task Handle_WhenOnlyOneOfManyValidatorsFails_StillThrows()
    {
        var passing = new InlineValidator<CreateTeamCommand> { v => v.RuleFor(c => c.Name).NotNull() };
        var behavior = new ValidationBehavior<CreateTeamCommand, TeamDto>([passing, new CreateTeamValidator()]);

        var exception = await Assert.ThrowsAsync<ValidationException>(() =>
            behavior.Handle(new CreateTeamCommand(new string('a', 300)), CancellationToken.None, Next));

        Assert.Equal(0, _nextCalls);
        Assert.Equal("Name", Assert.Single(exception.Errors).PropertyName);
    }

    [Fact]
    public async Task Handle_WhenAllValidatorsPass_CallsNextOnceAndReturnsItsResponse()
    {
        var behavior = new ValidationBehavior<CreateTeamCommand, TeamDto>([new CreateTeamValidator()]);

        var response = await behavior.Handle(new CreateTeamCommand("Acme"), CancellationToken.None, Next);

        Assert.Same(Response, response);
        Assert.Equal(1, _nextCalls);
    }

    [Fact]
    public async Task Handle_WhenNoValidators_CallsNext()
    {
        var behavior = new ValidationBehavior<CreateTeamCommand, TeamDto>([]);

        var response = await behavior.Handle(new CreateTeamCommand(null), CancellationToken.None, Next);

        Assert.Same(Response, response);
        Assert.Equal(1, _nextCalls);
    }

    private Task<TeamDto> Next()
    {
        _nextCalls++;
        return Task.FromResult(Response);
    }
}
