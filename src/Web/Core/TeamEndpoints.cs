using CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Teams.CreateTeam;
using CodeStream.Integrations.Application.Core.Users.AddUser;
using CodeStream.Integrations.Application.Core.Users.ListTeamUsers;
using CodeStream.Integrations.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeStream.Integrations.Web.Core;

internal static class TeamEndpoints
{
    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams");
        teams.MapPost("/", CreateTeam).WithSummary("Create a team").JsonBody<CreateTeamBody>();
        teams.MapPost("/{teamId}/users", AddUser)
            .WithSummary("Add a user to a team").JsonBody<AddUserBody>().Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        teams.MapGet("/{teamId}/users", ListUsers)
            .WithSummary("A team's users, faux users for Slack people included").Problems(StatusCodes.Status404NotFound);
        teams.MapPost("/{teamId}/codemarks", CreateCodemark)
            .WithSummary("Create a codemark with its markers").JsonBody<CreateCodemarkBody>().Problems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Created<TeamDto>> CreateTeam(HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<CreateTeamBody>(request);
        var team = await mediator.Send(new CreateTeamCommand(body.Name), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
    }

    private static async Task<Created<UserDto>> AddUser(string teamId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<AddUserBody>(request);
        var user = await mediator.Send(new AddUserCommand(teamId, body.Email, body.Username, body.FullName), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/v1/teams/{teamId}/users/{user.Id}", user);
    }

    private static async Task<Ok<IReadOnlyList<UserDto>>> ListUsers(string teamId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListTeamUsersQuery(teamId), cancellationToken));

    private static async Task<Created<CodemarkDto>> CreateCodemark(string teamId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<CreateCodemarkBody>(request);
        var codemark = await mediator.Send(
            new CreateCodemarkCommand(teamId, body.CreatorId, body.Type, body.Title, body.Text, body.Markers), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/v1/codemarks/{codemark.Id}", codemark);
    }
}
