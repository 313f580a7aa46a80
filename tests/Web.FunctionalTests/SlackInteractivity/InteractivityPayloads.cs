using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackInteractivity;

/// <summary>
/// Slack's interactivity payloads as Slack sends them (the samples of spec §6, copied here so the suite does not depend on
/// anything outside the repository), and builders that retarget them at a scenario's codemark, trigger and response URL.
/// </summary>
internal static class InteractivityPayloads
{
    /// <summary>A click on "View Discussion &amp; Reply" in a shared message (<c>block_actions</c>).</summary>
    public const string BlockActionsReply = """
        {
          "type": "block_actions",
          "user": { "id": "U0CCC0003", "username": "grace", "name": "grace", "team_id": "T0AAA0001" },
          "api_app_id": "A0CSAPP01",
          "token": "XXYYZZ",
          "container": { "type": "message", "message_ts": "1763889000.000100", "channel_id": "C0DDD0004", "is_ephemeral": false },
          "trigger_id": "1763889300.4242.6f1c0b2a9d3e5f7a8b9c0d1e2f3a4b5c",
          "team": { "id": "T0AAA0001", "domain": "example-workspace" },
          "enterprise": null,
          "is_enterprise_install": false,
          "channel": { "id": "C0DDD0004", "name": "code-review" },
          "message": { "type": "message", "user": "U0BBB0002", "ts": "1763889000.000100", "text": "Ada shared a codemark" },
          "response_url": "https://hooks.slack.com/actions/T0AAA0001/1234567890/abcdefABCDEF123456",
          "actions": [
            {
              "action_id": "{\"linkType\":\"reply\",\"cId\":\"cm_01\",\"tId\":\"team_01\"}",
              "block_id": "codemark-actions",
              "text": { "type": "plain_text", "text": "View Discussion & Reply", "emoji": true },
              "type": "button",
              "action_ts": "1763889300.123456"
            }
          ]
        }
        """;

    /// <summary>The reply modal submitted (<c>view_submission</c>).</summary>
    public const string ViewSubmission = """
        {
          "type": "view_submission",
          "team": { "id": "T0AAA0001", "domain": "example-workspace" },
          "user": { "id": "U0CCC0003", "username": "grace", "name": "grace", "team_id": "T0AAA0001" },
          "api_app_id": "A0CSAPP01",
          "token": "XXYYZZ",
          "trigger_id": "1763889400.4242.0a1b2c3d4e5f60718293a4b5c6d7e8f9",
          "view": {
            "id": "V0VVV0001",
            "team_id": "T0AAA0001",
            "type": "modal",
            "private_metadata": "{\"cId\":\"cm_01\",\"tId\":\"team_01\",\"ppId\":\"post_01\"}",
            "callback_id": "codemark-reply",
            "state": {
              "values": {
                "block__text_input--message": {
                  "action__text_input--message": { "type": "plain_text_input", "value": "Looks good to me, merging after CI" }
                }
              }
            },
            "hash": "1763889401.abcDEF12",
            "title": { "type": "plain_text", "text": "Post a Reply" },
            "submit": { "type": "plain_text", "text": "Reply" },
            "close": { "type": "plain_text", "text": "Cancel" },
            "app_id": "A0CSAPP01",
            "bot_id": "B0BOT0009"
          },
          "response_urls": [],
          "is_enterprise_install": false,
          "enterprise": null
        }
        """;

    /// <summary>The modal dismissed with Cancel (only sent when <c>notify_on_close</c> is set; must be acknowledged).</summary>
    public const string ViewClosed = """
        {
          "type": "view_closed",
          "team": { "id": "T0AAA0001", "domain": "example-workspace" },
          "user": { "id": "U0CCC0003", "username": "grace", "name": "grace", "team_id": "T0AAA0001" },
          "api_app_id": "A0CSAPP01",
          "token": "XXYYZZ",
          "view": { "id": "V0VVV0001", "type": "modal", "callback_id": "codemark-reply", "private_metadata": "{}" },
          "is_cleared": false
        }
        """;

    /// <summary>A global shortcut from the lightning-bolt menu.</summary>
    public const string Shortcut = """
        {
          "type": "shortcut",
          "token": "XXYYZZ",
          "action_ts": "1763889500.123456",
          "team": { "id": "T0AAA0001", "domain": "example-workspace" },
          "user": { "id": "U0CCC0003", "username": "grace", "team_id": "T0AAA0001" },
          "is_enterprise_install": false,
          "enterprise": null,
          "callback_id": "codestream-shortcut",
          "trigger_id": "1763889500.4242.aaaabbbbccccddddeeeeffff00001111"
        }
        """;

    /// <summary>The fixture's button, retargeted: our compact action id, a trigger, a response URL and the clicking user.</summary>
    public static string ReplyButton(
        string? codemarkId, string? teamId, string triggerId, Uri responseUrl, string slackUserId = SlackScenario.GraceSlackId) =>
        Button(ActionId("reply", codemarkId, teamId), triggerId, responseUrl, slackUserId);

    /// <summary>The fixture's button with any <c>action_id</c> (e.g. a URL button's).</summary>
    public static string Button(string actionId, string triggerId, Uri responseUrl, string slackUserId = SlackScenario.GraceSlackId)
    {
        var payload = JsonNode.Parse(BlockActionsReply)!.AsObject();
        payload["trigger_id"] = triggerId;
        payload["response_url"] = responseUrl.ToString();
        payload["user"]!["id"] = slackUserId;
        payload["actions"]![0]!["action_id"] = actionId;
        return payload.ToJsonString();
    }

    /// <summary>Our buttons' <c>action_id</c>: compact JSON as in spec §6, keys left out when null.</summary>
    public static string ActionId(string linkType, string? codemarkId, string? teamId, string? markerId = null, string? externalProvider = null)
    {
        var id = new JsonObject { ["linkType"] = linkType };
        if (codemarkId is not null)
        {
            id["cId"] = codemarkId;
        }

        if (teamId is not null)
        {
            id["tId"] = teamId;
        }

        if (markerId is not null)
        {
            id["mId"] = markerId;
        }

        if (externalProvider is not null)
        {
            id["eP"] = externalProvider;
        }

        return id.ToJsonString();
    }

    /// <summary>The modal's <c>private_metadata</c> for a codemark, as the modal carries it.</summary>
    public static string Metadata(string codemarkId, string teamId, string parentPostId) =>
        new JsonObject { ["cId"] = codemarkId, ["tId"] = teamId, ["ppId"] = parentPostId }.ToJsonString();

    /// <summary>
    /// The fixture's submission, retargeted: <paramref name="privateMetadata"/> as is (null removes it), the typed
    /// <paramref name="text"/> (null removes the value), the view id and hash (the idempotency key) and the submitting user.
    /// </summary>
    public static string Submission(
        string? privateMetadata,
        string? text,
        string viewId = "V0VVV0001",
        string hash = "1763889401.abcDEF12",
        string slackUserId = SlackScenario.GraceSlackId)
    {
        var payload = JsonNode.Parse(ViewSubmission)!.AsObject();
        payload["user"]!["id"] = slackUserId;
        var view = payload["view"]!.AsObject();
        view["id"] = viewId;
        view["hash"] = hash;
        if (privateMetadata is null)
        {
            view.Remove("private_metadata");
        }
        else
        {
            view["private_metadata"] = privateMetadata;
        }

        var input = view["state"]!["values"]!["block__text_input--message"]!["action__text_input--message"]!.AsObject();
        if (text is null)
        {
            input.Remove("value");
        }
        else
        {
            input["value"] = text;
        }

        return payload.ToJsonString();
    }

    /// <summary>The form body Slack posts: one field <c>payload</c> holding the JSON.</summary>
    public static string Form(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);

    /// <summary>A fresh, unique trigger id shaped like Slack's.</summary>
    public static string NewTriggerId() => $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.4242.{Guid.NewGuid():N}";

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
