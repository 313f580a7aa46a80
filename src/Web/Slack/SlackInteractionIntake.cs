using System.Text.Json;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Interactivity;
using CodeStream.Integrations.Application.Slack.Interactivity.OpenReplyModal;
using CodeStream.Integrations.Application.Slack.Interactivity.SubmitReplyModal;
using CodeStream.Integrations.Application.Slack.Messages;
using MediatR;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// What a verified interaction payload means, for the Interactivity request URL and a Socket Mode <c>interactive</c>
/// envelope alike (docs/slack-behaviour.md, “Interactivity”): <c>block_actions</c> from our reply button open the modal;
/// URL buttons are acknowledged; <c>view_submission</c> of our modal creates the reply and answers with its response
/// action; other payloads are acknowledged and do nothing.
/// </summary>
internal sealed class SlackInteractionIntake(IMediator mediator, SlackInteractivityMetrics metrics)
{
    public async Task<SlackReceipt> ReceiveAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        if (SlackJsonCheck.Problem(json.Span) is not null)
        {
            return SlackReceipt.Refuse("'payload' is not JSON.");
        }

        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = SlackJsonCheck.MaxDepth });
        var payload = document.RootElement;
        if (payload.ValueKind != JsonValueKind.Object || SlackJsonFields.Text(payload, "type") is not { } type)
        {
            return SlackReceipt.Refuse("'payload' is not an interaction (a JSON object with a string \"type\").");
        }

        return type switch
        {
            "block_actions" => await BlockActionsAsync(payload, cancellationToken),
            "view_submission" => await ViewSubmissionAsync(payload, cancellationToken),
            _ => SlackReceipt.Acknowledged,
        };
    }

    private async Task<SlackReceipt> BlockActionsAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var action = payload.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0
            ? ReplyButtonAction.TryParse(SlackJsonFields.Text(actions[0], "action_id"))
            : null;
        if (action is null)
        {
            return SlackReceipt.Acknowledged; // Not one of our buttons.
        }

        metrics.ButtonClicked(action.LinkType);
        if (action.LinkType != ReplyButtonAction.Reply)
        {
            return SlackReceipt.Acknowledged; // URL buttons open in the browser; Slack only needs the acknowledgement.
        }

        var teamId = SlackJsonFields.Text(payload, "team", "id") ?? SlackJsonFields.Text(payload, "user", "team_id");
        var triggerId = SlackJsonFields.Text(payload, "trigger_id");
        if (teamId is null || triggerId is null)
        {
            return SlackReceipt.Refuse("block_actions needs team.id and trigger_id.");
        }

        Uri.TryCreate(SlackJsonFields.Text(payload, "response_url"), UriKind.Absolute, out var responseUrl);
        await mediator.Send(
            new OpenReplyModalCommand(teamId, SlackJsonFields.Text(payload, "user", "id") ?? string.Empty, triggerId, responseUrl, action.CodemarkId, action.TeamId),
            cancellationToken);
        return SlackReceipt.Acknowledged;
    }

    private async Task<SlackReceipt> ViewSubmissionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("view", out var view) || view.ValueKind != JsonValueKind.Object || SlackJsonFields.Text(view, "callback_id") != ReplyModalView.CallbackId)
        {
            return SlackReceipt.Acknowledged; // Another app's or an old view: nothing of ours to do.
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
        return SlackReceipt.Answer(ReplyModalView.Answer(answer));
    }
}
