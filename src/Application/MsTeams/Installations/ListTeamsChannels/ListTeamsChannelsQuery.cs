using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Validation;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Application.MsTeams.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using FluentValidation;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Installations.ListTeamsChannels;

/// <summary>The channels of the Teams team(s) linked to a CodeStream team (<c>GET {serviceUrl}/v3/teams/{id}/conversations</c>).</summary>
public sealed record ListTeamsChannelsQuery(string? TeamId) : IFlow<IReadOnlyList<MsTeamsChannelDto>>;

internal sealed class ListTeamsChannelsHandler(IMsTeamsInstallationRepository installations, IBotConnector connector, MsTeamsSettings settings)
    : IRequestHandler<ListTeamsChannelsQuery, IReadOnlyList<MsTeamsChannelDto>>
{
    public async Task<IReadOnlyList<MsTeamsChannelDto>> Handle(ListTeamsChannelsQuery request, CancellationToken cancellationToken)
    {
        MsTeamsGuard.EnsureAvailable(settings);
        var teamId = TeamId.Parse(request.TeamId);
        var linked = (await installations.ListAsync(cancellationToken).ConfigureAwait(false)).Where(i => i.IsActive && i.TeamId == teamId).ToList();
        if (linked.Count == 0)
        {
            throw new ConflictException($"No Microsoft Teams team is linked to team '{teamId.Value}': link one first.");
        }

        var channels = new List<MsTeamsChannelDto>();
        foreach (var installation in linked)
        {
            var found = await connector.ListChannelsAsync(installation.ServiceUrl, installation.TeamsTeamId, cancellationToken).ConfigureAwait(false);
            channels.AddRange(found.Select(c => new MsTeamsChannelDto(c.Id, c.Name is { Length: > 0 } name ? name : "General")));
        }

        return channels;
    }
}

internal sealed class ListTeamsChannelsValidator : AbstractValidator<ListTeamsChannelsQuery>
{
    public ListTeamsChannelsValidator() => RuleFor(c => c.TeamId).MustBeId(TeamId.Prefix);
}
