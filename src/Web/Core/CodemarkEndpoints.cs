using CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;
using CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;
using CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Replies.AddReply;
using CodeStream.Integrations.Application.Core.Replies.DeleteReply;
using CodeStream.Integrations.Application.Core.Replies.EditReply;
using CodeStream.Integrations.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CodeStream.Integrations.Web.Core;

internal static class CodemarkEndpoints
{
    public static RouteGroupBuilder MapCodemarkEndpoints(this RouteGroupBuilder api)
    {
        var codemarks = api.MapGroup("/codemarks");
        codemarks.MapGet("/{codemarkId}", GetCodemark)
            .WithSummary("A codemark with its replies, reactions and where it was shared").Problems(StatusCodes.Status404NotFound);
        codemarks.MapPut("/{codemarkId}", EditCodemark)
            .WithSummary("Edit a codemark's title and text; its Slack cards follow").JsonBody<EditCodemarkBody>().Problems(StatusCodes.Status404NotFound);
        codemarks.MapDelete("/{codemarkId}", DeleteCodemark)
            .WithSummary("Delete a codemark; its Slack cards are deleted").Problems(StatusCodes.Status404NotFound);
        codemarks.MapPost("/{codemarkId}/replies", AddReply)
            .WithSummary("Reply to a codemark; the reply is posted into its Slack threads").JsonBody<AddReplyBody>()
            .Problems(StatusCodes.Status404NotFound);

        var replies = api.MapGroup("/replies");
        replies.MapPut("/{replyId}", EditReply)
            .WithSummary("Edit a reply; its Slack copies follow").JsonBody<EditReplyBody>().Problems(StatusCodes.Status404NotFound);
        replies.MapDelete("/{replyId}", DeleteReply)
            .WithSummary("Delete a reply; its Slack copies are deleted").Problems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<CodemarkDto>> GetCodemark(string codemarkId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCodemarkQuery(codemarkId), cancellationToken));

    private static async Task<Ok<CodemarkDto>> EditCodemark(string codemarkId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<EditCodemarkBody>(request);
        return TypedResults.Ok(await mediator.Send(new EditCodemarkCommand(codemarkId, body.Title, body.Text), request.HttpContext.RequestAborted));
    }

    private static async Task<NoContent> DeleteCodemark(string codemarkId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteCodemarkCommand(codemarkId), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<ReplyDto>> AddReply(string codemarkId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<AddReplyBody>(request);
        var reply = await mediator.Send(new AddReplyCommand(codemarkId, body.CreatorId, body.Text), request.HttpContext.RequestAborted);
        return TypedResults.Created($"/api/v1/replies/{reply.Id}", reply);
    }

    private static async Task<Ok<ReplyDto>> EditReply(string replyId, HttpRequest request, IMediator mediator)
    {
        var body = await JsonBody.ReadAsync<EditReplyBody>(request);
        return TypedResults.Ok(await mediator.Send(new EditReplyCommand(replyId, body.Text), request.HttpContext.RequestAborted));
    }

    private static async Task<NoContent> DeleteReply(string replyId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteReplyCommand(replyId), cancellationToken);
        return TypedResults.NoContent();
    }
}
