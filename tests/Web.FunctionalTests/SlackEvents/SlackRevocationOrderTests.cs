using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

/// <summary>
/// Revocations arrive late (Slack retries for hours) and may be for another app: a <c>tokens_revoked</c> or
/// <c>app_uninstalled</c> older than an installation, or for an app this host does not serve, deletes nothing.
/// </summary>
public sealed class SlackRevocationOrderTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task StaleTokensRevoked_AfterAReinstall_KeepsTheFreshTokens(DatabaseProvider provider)
    {
        await using var thread = await SharedThread.StartAsync(provider);
        var eventId = SlackEvent.NewEventId();

        // The revocation happened an hour ago; Ada's (re)installation is from just now.
        var row = await thread.DeliverAsync(SlackEvent.TokensRevoked(eventId, DateTimeOffset.UtcNow.AddHours(-1)), eventId);

        Assert.Equal("Done", row.State);
        Assert.Equal("0 token(s) removed", row.Result);
        Assert.Equal(1, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(1, await thread.CountAsync("slack_bot_installations"));
        Assert.Equal(0, await thread.CountAsync("slack_token_revocations"));
    }

    [Fact]
    public async Task DelayedRevocation_DeliveredAfterTheUserReconnected_KeepsTheNewTokens()
    {
        await using var thread = await SharedThread.StartAsync();
        var revokedAt = DateTimeOffset.UtcNow;
        var first = SlackEvent.NewEventId();
        Assert.Equal("Done", (await thread.DeliverAsync(SlackEvent.TokensRevoked(first, revokedAt), first)).State);
        Assert.Equal(0, await thread.CountAsync("slack_user_installations"));

        // event_time has whole seconds: reconnect once that second is over, so the reinstall is unambiguously later.
        var nextSecond = DateTimeOffset.FromUnixTimeSeconds(revokedAt.ToUnixTimeSeconds() + 1);
        var wait = nextSecond - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        // Ada reconnects; then a late copy of that revocation arrives (Slack retries deliveries for hours).
        using (var reconnected = await thread.Scenario.ConnectSlackAsync(thread.AdaId, thread.TeamId))
        {
            Assert.True(reconnected.IsSuccessStatusCode, $"reconnect → {(int)reconnected.StatusCode}");
        }

        var late = SlackEvent.NewEventId();
        var row = await thread.DeliverAsync(SlackEvent.TokensRevoked(late, revokedAt), late);

        Assert.Equal(("Done", "0 token(s) removed"), (row.State, row.Result));
        Assert.Equal(1, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(1, await thread.CountAsync("slack_bot_installations"));
        Assert.Equal(0, await thread.CountAsync("slack_token_revocations")); // reconnecting cleared "revoked", and it stays cleared
    }

    [Fact]
    public async Task StaleAppUninstalled_AfterAReinstall_KeepsEveryToken()
    {
        await using var thread = await SharedThread.StartAsync();
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.AppUninstalled(eventId, DateTimeOffset.UtcNow.AddMinutes(-5)), eventId);

        Assert.Equal("Done", row.State);
        Assert.Equal(1, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(1, await thread.CountAsync("slack_bot_installations"));
    }

    [Fact]
    public async Task Revocation_ForAnotherApp_ChangesNothing()
    {
        await using var thread = await SharedThread.StartAsync();
        var revoked = SlackEvent.NewEventId();
        var uninstalled = SlackEvent.NewEventId();

        var revokedRow = await thread.DeliverAsync(SlackEvent.TokensRevoked(revoked, apiAppId: "A0OTHERAPP"), revoked);
        var uninstalledRow = await thread.DeliverAsync(SlackEvent.AppUninstalled(uninstalled, apiAppId: "A0OTHERAPP"), uninstalled);

        Assert.Equal(("Ignored", "another-app"), (revokedRow.State, revokedRow.Result));
        Assert.Equal(("Ignored", "another-app"), (uninstalledRow.State, uninstalledRow.Result));
        Assert.Equal(1, await thread.CountAsync("slack_user_installations"));
        Assert.Equal(1, await thread.CountAsync("slack_bot_installations"));
    }
}
