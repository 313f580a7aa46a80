using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using FluentValidation;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Installations.LinkTeamsInstallation;

/// <summary>Links the Teams team the bot is in to a CodeStream team: its members may then share there.</summary>
public sealed record LinkTeamsInstallationCommand(string? TeamId, string? MsTeamsTeamId) : ICommand<MsTeamsInstallationDto>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["TeamId"] = TeamId, ["MsTeamsTeamId"] = MsTeamsTeamId };
}

internal sealed class LinkTeamsInstallationHandler(ITeamRepository teams, IMsTeamsInstallationRepository installations)
    : IRequestHandler<LinkTeamsInstallationCommand, MsTeamsInstallationDto>
{
    public async Task<MsTeamsInstallationDto> Handle(LinkTeamsInstallationCommand request, CancellationToken cancellationToken)
    {
        var teamId = TeamId.Parse(request.TeamId);
        _ = await teams.GetAsync(teamId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("Team", teamId.Value);
        var installation = await installations.FindAsync(request.MsTeamsTeamId!, cancellationToken).ConfigureAwait(false);
        if (installation is null || !installation.IsActive)
        {
            throw new NotFoundException("Microsoft Teams installation", request.MsTeamsTeamId!);
        }

        await installations.LinkAsync(installation.TeamsTeamId, teamId, cancellationToken).ConfigureAwait(false);
        return MsTeamsInstallationDto.From(installation with { TeamId = teamId });
    }
}

internal sealed class LinkTeamsInstallationValidator : AbstractValidator<LinkTeamsInstallationCommand>
{
    public LinkTeamsInstallationValidator()
    {
        RuleFor(c => c.TeamId).MustBeId(TeamId.Prefix);
        RuleFor(c => c.MsTeamsTeamId).NotEmpty().MaximumLength(256);
    }
}
