using CodeStream.Integrations.Application.MsTeams.Installations;
using CodeStream.Integrations.Application.MsTeams.Installations.LinkTeamsInstallation;
using CodeStream.Integrations.Application.MsTeams.Installations.ListTeamsChannels;
using CodeStream.Integrations.Application.MsTeams.Installations.ListTeamsInstallations;
using CodeStream.Integrations.Infrastructure.MsTeams;
using CodeStream.Integrations.Infrastructure.Slack;
using CodeStream.Integrations.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeStream.Integrations.Web.MsTeams;

/// <summary>The product API of the Teams module: installations, linking one to a team, its channels, the app package.</summary>
internal static class MsTeamsEndpoints
{
    public static RouteGroupBuilder MapMsTeamsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/msteams/installations", ListInstallations).WithSummary("The Teams teams the CodeStream bot was added to");
        api.MapPost("/teams/{teamId}/msteams/installations", Link)
            .WithSummary("Link a Teams team the bot is in to a CodeStream team").JsonBody<LinkTeamsBody>().Problems(StatusCodes.Status404NotFound);
        api.MapGet("/teams/{teamId}/msteams/channels", ListChannels)
            .WithSummary("The channels of the Teams team linked to a CodeStream team")
            .Problems(StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/msteams/app-package", AppPackage)
            .WithSummary("The Teams app package (manifest and icons) to upload to Teams").Produces<byte[]>(StatusCodes.Status200OK, "application/zip")
            .Problems(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<MsTeamsInstallationDto>>> ListInstallations(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListTeamsInstallationsQuery(), cancellationToken));

    private static async Task<Ok<MsTeamsInstallationDto>> Link(string teamId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<LinkTeamsBody>(request);
        return TypedResults.Ok(await mediator.Send(new LinkTeamsInstallationCommand(teamId, body.MsTeamsTeamId), request.HttpContext.RequestAborted));
    }

    private static async Task<Ok<IReadOnlyList<MsTeamsChannelDto>>> ListChannels(string teamId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListTeamsChannelsQuery(teamId), cancellationToken));

    private static IResult AppPackage(MsTeamsOptions options, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(options.AppClientId)
            ? TypedResults.Problem(
                title: "Microsoft Teams is not configured on this server.",
                detail: $"Set {MsTeamsOptions.SectionName}:appClientId (the Azure bot's Microsoft App ID) first.",
                statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.File(
                TeamsAppPackage.Build(options.AppClientId, SlackConfiguration.ReadPublicOrigin(configuration)), "application/zip", TeamsAppPackage.FileName);
}

internal sealed record LinkTeamsBody(string? MsTeamsTeamId);
