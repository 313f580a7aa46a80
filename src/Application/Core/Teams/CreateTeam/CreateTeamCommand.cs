using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Core.Models;

namespace CodeStream.Integrations.Application.Core.Teams.CreateTeam;

public sealed record CreateTeamCommand(string? Name) : ICommand<TeamDto>;
