using System.Text;
using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Interactivity;
using CodeStream.Integrations.Application.Slack.Interactivity.OpenReplyModal;
using CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;
using CodeStream.Integrations.Application.Slack.Messages;
using MediatR;
using Microsoft.AspNetCore.WebUtilities;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The Interactivity request URL (docs/slack-behaviour.md, “Interactivity”): a verified form body whose one field <c>payload</c> holds JSON.
/// <c>block_actions</c> from our reply button open the modal; URL buttons are acknowledged; <c>view_submission</c> of
/// our modal creates the reply; other payloads are acknowledged and do nothing.
/// </summary>
internal static class SlackInteractivityEndpoints
{
    public static IEndpointRouteBuilder MapSlackInteractivityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ProviderActionEndpoints.InteractivityPath, ReceiveAsync)
            .AddEndpointFilter<Common.ProblemDetailsFilter>()
            .AddEndpointFilter<SlackVerificationFilter>();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IMediator mediator, SlackInteractivityMetrics metrics)
    {
        if (!http.Request.HasFormContentType)
        {
            return Refuse("The body must be a form (application/x-www-form-urlencoded) with a 'payload' field.", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(http.Features.Get<SlackRequestBody>()!.Bytes));
        if (!form.TryGetValue("payload", out var payloadValues) || payloadValues.Count != 1 || string.IsNullOrEmpty(payloadValues[0]))
        {
            return Refuse("The form has no 'payload' field.");
        }

        var json = Encoding.UTF8.GetBytes(payloadValues[0]!);
        if (SlackJsonCheck.Problem(json) is not null)
        {
            return Refuse("'payload' is not JSON.");
        }

        var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = SlackJsonCheck.MaxDepth });

        using (document)
        {
            var payload = document.RootElement;
            if (payload.ValueKind != JsonValueKind.Object || SlackJsonFields.Text(payload, "type") is not { } type)
            {
                return Refuse("'payload' is not an interaction (a JSON object with a string \"type\").");
            }

            return type switch
            {
                "block_actions" => await BlockActionsAsync(payload, mediator, metrics, http.RequestAborted),
                "view_submission" => await ViewSubmissionAsync(payload, mediator, http.RequestAborted),
                _ => TypedResults.Ok(),
            };
        }
    }

    private static async Task<IResult> BlockActionsAsync(JsonElement payload, IMediator mediator, SlackInteractivityMetrics metrics, CancellationToken cancellationToken)
    {
        var action = payload.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0
            ? ReplyButtonAction.TryParse(SlackJsonFields.Text(actions[0], "action_id"))
            : null;
        if (action is null)
        {
            return TypedResults.Ok(); // Not one of our buttons.
        }

        metrics.ButtonClicked(action.LinkType);
        if (action.LinkType != ReplyButtonAction.Reply)
        {
            return TypedResults.Ok(); // URL buttons open in the browser; Slack only needs the acknowledgement.
        }

        var teamId = SlackJsonFields.Text(payload, "team", "id") ?? SlackJsonFields.Text(payload, "user", "team_id");
        var triggerId = SlackJsonFields.Text(payload, "trigger_id");
        if (teamId is null || triggerId is null)
        {
            return Refuse("block_actions needs team.id and trigger_id.");
        }

        Uri.TryCreate(SlackJsonFields.Text(payload, "response_url"), UriKind.Absolute, out var responseUrl);
        await mediator.Send(
            new OpenReplyModalCommand(teamId, SlackJsonFields.Text(payload, "user", "id") ?? string.Empty, triggerId, responseUrl, action.CodemarkId, action.TeamId),
            cancellationToken);
        return TypedResults.Ok();
    }

    private static async Task<IResult> ViewSubmissionAsync(JsonElement payload, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("view", out var view) || view.ValueKind != JsonValueKind.Object || SlackJsonFields.Text(view, "callback_id") != ReplyModalView.CallbackId)
        {
            return TypedResults.Ok(); // Another app's or an old view: nothing of ours to do.
        }

        var text = view.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object
            && state.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Object
            && values.TryGetProperty(ReplyModalView.InputBlockId, out var block) && block.ValueKind == JsonValueKind.Object
            && block.TryGetProperty(ReplyModalView.InputActionId, out var input) && input.ValueKind == JsonValueKind.Object
                ? SlackJsonFields.Text(input, "value")
                : null;
        var answer = await mediator.Send(
            new SubmitReplyModalCommand(
                SlackJsonFields.Text(payload, "team", "id") ?? SlackJsonFields.Text(payload, "user", "team_id") ?? string.Empty,
                SlackJsonFields.Text(payload, "user", "id") ?? string.Empty,
                SlackJsonFields.Text(view, "id") ?? string.Empty,
                SlackJsonFields.Text(view, "hash"),
                SlackJsonFields.Text(view, "private_metadata"),
                text),
            cancellationToken);
        return TypedResults.Text(ReplyModalView.Answer(answer), "application/json; charset=utf-8");
    }

    private static IResult Refuse(string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(title: "Not a Slack interaction this endpoint accepts.", detail: detail, statusCode: status);
}
