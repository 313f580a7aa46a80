namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// The Events API samples of the shared fixtures (<c>fixtures/slack/events/*.json</c>), copied verbatim so the tests
/// depend on nothing outside the repository. Tests rewrite ids and timestamps with <see cref="SlackEvent"/>.
/// </summary>
internal static class SlackEventSamples
{
    /// <summary><c>url_verification.json</c>.</summary>
    public const string UrlVerification = """
        {
          "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
          "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
          "type": "url_verification"
        }
        """;

    /// <summary><c>thread_reply.json</c>.</summary>
    public const string ThreadReply = """
        {
          "token": "XXYYZZ",
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": {
            "client_msg_id": "6c1a8f3e-2f59-4c1e-9d0f-3f4e7b0f6a11",
            "type": "message",
            "text": "Good catch <@U0BBB0002>, I think we should use `ConfigureAwait(false)` here &amp; add a test",
            "user": "U0CCC0003",
            "ts": "1763890000.000200",
            "team": "T0AAA0001",
            "blocks": [],
            "thread_ts": "1763889000.000100",
            "parent_user_id": "U0BBB0002",
            "channel": "C0DDD0004",
            "event_ts": "1763890000.000200",
            "channel_type": "channel"
          },
          "type": "event_callback",
          "event_id": "Ev0EEE0005",
          "event_time": 1763890000,
          "authorizations": [
            { "enterprise_id": null, "team_id": "T0AAA0001", "user_id": "U0BOT0009", "is_bot": true, "is_enterprise_install": false }
          ],
          "is_ext_shared_channel": false,
          "event_context": "4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMEFBQTAwMDEiLCJhaWQiOiJBMENTQVBQMDEiLCJjaWQiOiJDMERERDAwMDQifQ"
        }
        """;

    /// <summary><c>thread_reply_file_share.json</c>.</summary>
    public const string ThreadReplyFileShare = """
        {
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": {
            "type": "message",
            "subtype": "file_share",
            "text": "screenshot of the failing test",
            "user": "U0CCC0003",
            "ts": "1763890100.000300",
            "team": "T0AAA0001",
            "thread_ts": "1763889000.000100",
            "channel": "C0DDD0004",
            "channel_type": "channel",
            "files": [
              {
                "id": "F0FFF0006",
                "name": "failing-test.png",
                "title": "failing-test.png",
                "mimetype": "image/png",
                "filetype": "png",
                "size": 48213,
                "url_private": "https://files.slack.com/files-pri/T0AAA0001-F0FFF0006/failing-test.png",
                "permalink": "https://example-workspace.slack.com/files/U0CCC0003/F0FFF0006/failing-test.png"
              }
            ],
            "event_ts": "1763890100.000300"
          },
          "type": "event_callback",
          "event_id": "Ev0EEE0006",
          "event_time": 1763890100
        }
        """;

    /// <summary><c>message_changed.json</c>.</summary>
    public const string MessageChanged = """
        {
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": {
            "type": "message",
            "subtype": "message_changed",
            "hidden": true,
            "channel": "C0DDD0004",
            "ts": "1763890500.000400",
            "event_ts": "1763890500.000400",
            "channel_type": "channel",
            "message": {
              "type": "message",
              "user": "U0CCC0003",
              "team": "T0AAA0001",
              "text": "Good catch <@U0BBB0002>, we should use `ConfigureAwait(false)` here and add two tests",
              "edited": { "user": "U0CCC0003", "ts": "1763890500.000000" },
              "ts": "1763890000.000200",
              "thread_ts": "1763889000.000100",
              "parent_user_id": "U0BBB0002"
            },
            "previous_message": {
              "type": "message",
              "user": "U0CCC0003",
              "team": "T0AAA0001",
              "text": "Good catch <@U0BBB0002>, I think we should use `ConfigureAwait(false)` here &amp; add a test",
              "ts": "1763890000.000200",
              "thread_ts": "1763889000.000100",
              "parent_user_id": "U0BBB0002"
            }
          },
          "type": "event_callback",
          "event_id": "Ev0EEE0007",
          "event_time": 1763890500
        }
        """;

    /// <summary><c>message_deleted.json</c>.</summary>
    public const string MessageDeleted = """
        {
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": {
            "type": "message",
            "subtype": "message_deleted",
            "hidden": true,
            "channel": "C0DDD0004",
            "ts": "1763890900.000500",
            "deleted_ts": "1763890000.000200",
            "event_ts": "1763890900.000500",
            "channel_type": "channel",
            "previous_message": {
              "type": "message",
              "user": "U0CCC0003",
              "team": "T0AAA0001",
              "text": "Good catch <@U0BBB0002>, we should use `ConfigureAwait(false)` here and add two tests",
              "ts": "1763890000.000200",
              "thread_ts": "1763889000.000100",
              "parent_user_id": "U0BBB0002"
            }
          },
          "type": "event_callback",
          "event_id": "Ev0EEE0008",
          "event_time": 1763890900
        }
        """;

    /// <summary><c>own_bot_reply.json</c>.</summary>
    public const string OwnBotReply = """
        {
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": {
            "type": "message",
            "subtype": "bot_message",
            "text": "Agreed, fixing it now",
            "username": "Ada Lovelace",
            "bot_id": "B0BOT0009",
            "app_id": "A0CSAPP01",
            "ts": "1763890200.000250",
            "thread_ts": "1763889000.000100",
            "channel": "C0DDD0004",
            "event_ts": "1763890200.000250",
            "channel_type": "channel"
          },
          "type": "event_callback",
          "event_id": "Ev0EEE0009",
          "event_time": 1763890200
        }
        """;

    /// <summary><c>top_level_message.json</c>.</summary>
    public const string TopLevelMessage = """
        {
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": {
            "type": "message",
            "text": "anyone seen the build break on main? https://github.com/acme/app/actions",
            "user": "U0CCC0003",
            "ts": "1763891000.000600",
            "team": "T0AAA0001",
            "channel": "C0DDD0004",
            "event_ts": "1763891000.000600",
            "channel_type": "channel"
          },
          "type": "event_callback",
          "event_id": "Ev0EEE0010",
          "event_time": 1763891000
        }
        """;

    /// <summary><c>tokens_revoked.json</c>.</summary>
    public const string TokensRevoked = """
        {
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": {
            "type": "tokens_revoked",
            "tokens": { "oauth": ["U0BBB0002"], "bot": ["U0BOT0009"] },
            "event_ts": "1763892000.000700"
          },
          "type": "event_callback",
          "event_id": "Ev0EEE0011",
          "event_time": 1763892000
        }
        """;

    /// <summary><c>app_uninstalled.json</c>.</summary>
    public const string AppUninstalled = """
        {
          "team_id": "T0AAA0001",
          "api_app_id": "A0CSAPP01",
          "event": { "type": "app_uninstalled", "event_ts": "1763893000.000800" },
          "type": "event_callback",
          "event_id": "Ev0EEE0012",
          "event_time": 1763893000
        }
        """;
}
