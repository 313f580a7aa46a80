using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Hosting;

namespace CodeStream.Integrations.Web.FunctionalTests.Api;

/// <summary>The product API through the real host on Kestrel, on SQLite and on PostgreSQL.</summary>
public sealed class ProductApiScenarioTests
{
    public static TheoryData<DatabaseProvider> Databases => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task FullSession_WhenHostRestarts_ReturnsWhatWasStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        string codemarkId, adaId, graceId, teamId;

        await using (var host = await TestHost.StartAsync(database))
        {
            var api = new ProductApi(host.Client);
            teamId = (string)(await api.CreateTeamAsync("Acme"))["id"]!;
            adaId = (string)(await api.AddUserAsync(teamId, "ada@example.com", "ada", "Ada Lovelace"))["id"]!;
            graceId = (string)(await api.AddUserAsync(teamId, "grace@example.com", "grace", "Grace Hopper"))["id"]!;
            var codemark = await api.CreateCodemarkAsync(teamId, adaId);
            codemarkId = (string)codemark["id"]!;
            Assert.StartsWith("post_", (string)codemark["postId"]!, StringComparison.Ordinal);

            await api.AddReplyAsync(codemarkId, graceId, "Good catch, adding a lock");
            var second = await api.AddReplyAsync(codemarkId, adaId, "Thanks!");
            await api.SendAsync(HttpMethod.Put, $"/api/v1/replies/{second["id"]}", new { text = "Thanks, Grace!" }, HttpStatusCode.OK);
        }

        // A new host on the same database: everything is still there.
        await using (var restarted = await TestHost.StartAsync(database))
        {
            var api = new ProductApi(restarted.Client);
            var codemark = await api.GetCodemarkAsync(codemarkId);

            Assert.Equal("issue", (string)codemark["type"]!);
            Assert.Equal("Possible race", (string)codemark["title"]!);
            var markers = codemark["markers"]!.AsArray();
            Assert.Equal(2, markers.Count);
            Assert.Equal("src/File1.cs", (string)markers[0]!["file"]!);
            Assert.Equal(20, (int)markers[1]!["startLine"]!);
            Assert.Equal(24, (int)markers[1]!["endLine"]!);
            Assert.Equal("https://github.com/acme/app/blob/main/src/File2.cs#L20", (string)markers[1]!["remoteCodeUrl"]!);

            var replies = codemark["replies"]!.AsArray();
            Assert.Equal(2, replies.Count);
            Assert.Equal("Good catch, adding a lock", (string)replies[0]!["text"]!);
            Assert.Equal(graceId, (string)replies[0]!["creatorId"]!);
            Assert.Equal("CodeStream", (string)replies[0]!["origin"]!);
            Assert.Equal("Thanks, Grace!", (string)replies[1]!["text"]!);
            Assert.NotNull(replies[1]!["editedAt"]);
            Assert.Empty(codemark["sharedTo"]!.AsArray());

            var users = await api.ListUsersAsync(teamId);
            Assert.Equal(["ada", "grace"], users.Select(u => (string)u!["username"]!).ToArray());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task EditAndDelete_CodemarkAndReply_AreReflectedInGet(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var host = await TestHost.StartAsync(database);
        var api = new ProductApi(host.Client);
        var teamId = (string)(await api.CreateTeamAsync())["id"]!;
        var adaId = (string)(await api.AddUserAsync(teamId, "ada@example.com", "ada"))["id"]!;
        var codemarkId = (string)(await api.CreateCodemarkAsync(teamId, adaId))["id"]!;
        var replyId = (string)(await api.AddReplyAsync(codemarkId, adaId, "first"))["id"]!;

        await api.SendAsync(HttpMethod.Put, $"/api/v1/codemarks/{codemarkId}", new { title = "Renamed", text = "New text" }, HttpStatusCode.OK);
        await api.SendAsync(HttpMethod.Delete, $"/api/v1/replies/{replyId}", null, HttpStatusCode.NoContent);

        var codemark = await api.GetCodemarkAsync(codemarkId);
        Assert.Equal("Renamed", (string)codemark["title"]!);
        Assert.Equal("New text", (string)codemark["text"]!);
        Assert.True((bool)codemark["replies"]![0]!["deleted"]!);
        Assert.Equal(string.Empty, (string)codemark["replies"]![0]!["text"]!);

        // A deleted reply is gone for edits; a second delete is a 404, not a crash.
        await api.SendAsync(HttpMethod.Put, $"/api/v1/replies/{replyId}", new { text = "again" }, HttpStatusCode.NotFound);
        await api.SendAsync(HttpMethod.Delete, $"/api/v1/replies/{replyId}", null, HttpStatusCode.NotFound);

        await api.SendAsync(HttpMethod.Delete, $"/api/v1/codemarks/{codemarkId}", null, HttpStatusCode.NoContent);
        Assert.True((bool)(await api.GetCodemarkAsync(codemarkId))["deleted"]!);
        await api.SendAsync(HttpMethod.Post, $"/api/v1/codemarks/{codemarkId}/replies", new { creatorId = adaId, text = "late" }, HttpStatusCode.NotFound);
    }
}
