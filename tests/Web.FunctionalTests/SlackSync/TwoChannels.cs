using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.TestSupport.Slack;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.SlackSync;

/// <summary>
/// One codemark shared to two channels, <c>#code-review</c> and <c>#design</c>: the world of the "every copy" tests.
/// Built on <see cref="SharedThread"/> (the first share), with the second share's root in <see cref="DesignRootTs"/>.
/// </summary>
internal sealed class TwoChannels : IAsyncDisposable
{
    public const string DesignChannelId = "C0DSN0006";
    public const string DesignChannelName = "design";

    private TwoChannels(SharedThread thread, string designRootTs)
    {
        Thread = thread;
        DesignRootTs = designRootTs;
    }

    public SharedThread Thread { get; }

    public FakeSlackServer Slack => Thread.Slack;

    public string ReviewRootTs => Thread.RootTs;

    public string DesignRootTs { get; }

    public static async Task<TwoChannels> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var thread = await SharedThread.StartAsync(
            provider,
            beforeConnecting: s => s.Slack.AddChannel(SlackScenario.SlackTeamId, DesignChannelId, DesignChannelName, SlackScenario.AdaSlackId, SlackScenario.GraceSlackId));
        try
        {
            var share = await thread.Scenario.ShareToChannelAsync(thread.CodemarkId, thread.AdaId, DesignChannelId);
            return new TwoChannels(thread, (string)share["postId"]!);
        }
        catch
        {
            await thread.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bot's messages in a thread (its copies), oldest first.</summary>
    public IReadOnlyList<SlackMessage> BotCopies(string channelId, string rootTs) =>
        [.. Slack.Thread(channelId, rootTs).Where(m => m.IsReply && m.UserId == SlackScenario.BotUserId)];

    public IReadOnlyList<SlackMessage> ReviewCopies => BotCopies(SlackScenario.ChannelId, ReviewRootTs);

    public IReadOnlyList<SlackMessage> DesignCopies => BotCopies(DesignChannelId, DesignRootTs);

    public Task WaitUntilAsync(Func<bool> condition, string because) => SlackScenario.WaitUntilAsync(condition, TimeSpan.FromSeconds(20), because);

    /// <summary>Ada replies in CodeStream; returns the reply's id.</summary>
    public async Task<string> ReplyInCodeStreamAsync(string text) =>
        (string)(await Thread.Scenario.PostJsonAsync($"/api/v1/codemarks/{Thread.CodemarkId}/replies", new { creatorId = Thread.AdaId, text }))["id"]!;

    public async Task EditReplyAsync(string replyId, string text)
    {
        using var response = await Thread.Client.PutAsJsonAsync($"/api/v1/replies/{replyId}", new { text });
        Assert.True(response.IsSuccessStatusCode, $"edit → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DeleteReplyAsync(string replyId)
    {
        using var response = await Thread.Client.DeleteAsync($"/api/v1/replies/{replyId}");
        Assert.True(response.IsSuccessStatusCode, $"delete → {(int)response.StatusCode}");
    }

    public async Task<HttpStatusCode> EditCodemarkAsync(string title, string text)
    {
        using var response = await Thread.Client.PutAsJsonAsync($"/api/v1/codemarks/{Thread.CodemarkId}", new { title, text });
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> DeleteCodemarkAsync()
    {
        using var response = await Thread.Client.DeleteAsync($"/api/v1/codemarks/{Thread.CodemarkId}");
        return response.StatusCode;
    }

    /// <summary>The calls to a Slack method that succeeded on messages of this channel.</summary>
    public IReadOnlyList<RecordedCall> Succeeded(string method, string channelId) =>
        [.. Slack.CallsTo(method).Where(c => c.Succeeded && c.Arg("channel") == channelId)];

    public Task<JsonObject> CodemarkAsync() => Thread.CodemarkAsync();

    public ValueTask DisposeAsync() => Thread.DisposeAsync();
}
