using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.Models;

namespace CodeStream.Integrations.Application.Teams.CreateTeam;

public sealed record CreateTeamCommand(string? Name) : ICommand<TeamDto>;
