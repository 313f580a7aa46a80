using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Installations.ListTeamsInstallations;

/// <summary>Every Teams team the bot was added to (removed ones marked), for an admin to link.</summary>
public sealed record ListTeamsInstallationsQuery : IQuery<IReadOnlyList<MsTeamsInstallationDto>>;

internal sealed class ListTeamsInstallationsHandler(IMsTeamsInstallationRepository installations)
    : IRequestHandler<ListTeamsInstallationsQuery, IReadOnlyList<MsTeamsInstallationDto>>
{
    public async Task<IReadOnlyList<MsTeamsInstallationDto>> Handle(ListTeamsInstallationsQuery request, CancellationToken cancellationToken) =>
        [.. (await installations.ListAsync(cancellationToken).ConfigureAwait(false)).Select(MsTeamsInstallationDto.From)];
}
