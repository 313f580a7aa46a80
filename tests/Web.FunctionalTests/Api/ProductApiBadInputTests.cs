using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Hosting;

namespace CodeStream.Integrations.Web.FunctionalTests.Api;

/// <summary>Bad input gets a 4xx problem naming what is wrong, never a 500, and stores nothing.</summary>
public sealed class ProductApiBadInputTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestHost host = null!;
    private ProductApi api = null!;
    private string teamId = null!;
    private string adaId = null!;
    private string codemarkId = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        host = await TestHost.StartAsync(database);
        api = new ProductApi(host.Client);
        teamId = (string)(await api.CreateTeamAsync())["id"]!;
        adaId = (string)(await api.AddUserAsync(teamId, "ada@example.com", "ada"))["id"]!;
        codemarkId = (string)(await api.CreateCodemarkAsync(teamId, adaId))["id"]!;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"email\":", "email")]
    [InlineData("not json at all", "body")]
    [InlineData("[1,2,3]", "body")]
    [InlineData("null", "body")]
    [InlineData("{\"email\": 42, \"username\": \"x\"}", "email")]
    [InlineData("{\"email\": \"x@example.com\", \"username\": {\"a\": 1}}", "username")]
    public async Task AddUser_WhenBodyIsMalformed_Returns400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var (status, problem, contentType) = await api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{teamId}/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Single(await api.ListUsersAsync(teamId));
    }

    [Theory]
    [InlineData("{}", new[] { "email", "username" })]
    [InlineData("{\"email\": \"not-an-email\", \"username\": \"bob\"}", new[] { "email" })]
    [InlineData("{\"email\": \"bob@example.com\", \"username\": \"   \"}", new[] { "username" })]
    public async Task AddUser_WhenFieldsAreMissingOrInvalid_Returns400NamingEachField(string body, string[] fields)
    {
        var (status, problem, _) = await api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{teamId}/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.All(fields, field => Assert.True(errors.ContainsKey(field), $"{field} missing in {problem.ToJsonString()}"));
        Assert.Single(await api.ListUsersAsync(teamId));
    }

    [Fact]
    public async Task AddUser_WhenEmailAlreadyInTeam_Returns409()
    {
        var (status, problem, _) = await api.SendRawAsync(
            HttpMethod.Post, $"/api/v1/teams/{teamId}/users", "{\"email\":\"ADA@example.com\",\"username\":\"ada2\"}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("ADA@example.com", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Single(await api.ListUsersAsync(teamId));
    }

    [Fact]
    public async Task AddUser_WhenBodyIsNotJson_Returns415()
    {
        var (status, _, _) = await api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{teamId}/users", "email=a@b.c", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Single(await api.ListUsersAsync(teamId));
    }

    [Fact]
    public async Task CreateCodemark_WhenMarkerFieldsAreWrong_Returns400NamingEachMarkerField()
    {
        var body = $$"""
            {"creatorId":"{{adaId}}","type":"riddle","text":"x","markers":[{"file":"a.cs","startLine":5,"endLine":2},null,{"startLine":0,"endLine":1,"remoteCodeUrl":"ftp:/x"}]}
            """;

        var (status, problem, _) = await api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{teamId}/codemarks", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "type", "markers[0].endLine", "markers[1]", "markers[2].file", "markers[2].startLine", "markers[2].remoteCodeUrl" })
        {
            Assert.True(errors.ContainsKey(field), $"{field} missing in {problem.ToJsonString()}");
        }
    }

    [Fact]
    public async Task CreateCodemark_WhenLineIsAString_Returns400NamingThatLine()
    {
        var body = $$"""{"creatorId":"{{adaId}}","type":"comment","text":"x","markers":[{"file":"a.cs","startLine":"ten","endLine":2}]}""";

        var (status, problem, _) = await api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{teamId}/codemarks", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("markers[0].startLine"), problem.ToJsonString());
    }

    [Fact]
    public async Task UnknownIds_Return404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendRawAsync(HttpMethod.Get, "/api/v1/codemarks/cm_unknown", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendRawAsync(HttpMethod.Get, "/api/v1/teams/team_unknown/users", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendRawAsync(HttpMethod.Put, "/api/v1/replies/post_unknown", "{\"text\":\"x\"}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendRawAsync(HttpMethod.Delete, "/api/v1/codemarks/cm_unknown", null)).Status);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await api.SendRawAsync(HttpMethod.Post, $"/api/v1/codemarks/{codemarkId}/replies", "{\"creatorId\":\"user_unknown\",\"text\":\"x\"}")).Status);
        var (status, problem, _) = await api.SendRawAsync(
            HttpMethod.Post, "/api/v1/teams/team_unknown/codemarks", $$"""{"creatorId":"{{adaId}}","type":"comment","text":"x","markers":[]}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("team_unknown", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Empty((await api.GetCodemarkAsync(codemarkId))["replies"]!.AsArray());
    }

    [Fact]
    public async Task AnotherTeamsUser_Returns403AndStoresNothing()
    {
        var otherTeamId = (string)(await api.CreateTeamAsync("Other"))["id"]!;
        var mallory = (string)(await api.AddUserAsync(otherTeamId, "mallory@example.com", "mallory"))["id"]!;

        var reply = await api.SendRawAsync(
            HttpMethod.Post, $"/api/v1/codemarks/{codemarkId}/replies", $$"""{"creatorId":"{{mallory}}","text":"hi"}""");
        var codemark = await api.SendRawAsync(
            HttpMethod.Post, $"/api/v1/teams/{teamId}/codemarks", $$"""{"creatorId":"{{mallory}}","type":"comment","text":"x","markers":[]}""");

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal(HttpStatusCode.Forbidden, codemark.Status);
        Assert.Empty((await api.GetCodemarkAsync(codemarkId))["replies"]!.AsArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task MissingOrWrongApiKey_Returns401AndStoresNothing(string? key)
    {
        using var client = host.CreateClient(key);
        var anonymous = new ProductApi(client);

        var (status, problem, contentType) = await anonymous.SendRawAsync(HttpMethod.Post, "/api/v1/teams", "{\"name\":\"Sneaky\"}");
        var get = await anonymous.SendRawAsync(HttpMethod.Get, $"/api/v1/codemarks/{codemarkId}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.DoesNotContain(TestHost.ApiKey, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, get.Status);
    }

    [Fact]
    public async Task OversizedBody_Returns413()
    {
        var body = "{\"name\":\"" + new string('a', 1_100_000) + "\"}";

        var (status, _, _) = await api.SendRawAsync(HttpMethod.Post, "/api/v1/teams", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }
}
