using System.Net;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;
using CodeStream.Integrations.TestSupport.Hosting;

namespace CodeStream.Integrations.Web.FunctionalTests.Api;

/// <summary>Bad input gets a 4xx problem naming what is wrong, never a 500, and stores nothing.</summary>
public sealed class ProductApiBadInputTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestHost _host = null!;
    private ProductApi _api = null!;
    private string _teamId = null!;
    private string _adaId = null!;
    private string _codemarkId = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        _host = await TestHost.StartAsync(_database);
        _api = new ProductApi(_host.Client);
        _teamId = (string)(await _api.CreateTeamAsync())["id"]!;
        _adaId = (string)(await _api.AddUserAsync(_teamId, "ada@example.com", "ada"))["id"]!;
        _codemarkId = (string)(await _api.CreateCodemarkAsync(_teamId, _adaId))["id"]!;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
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
        var (status, problem, contentType) = await _api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{_teamId}/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        Assert.Single(await _api.ListUsersAsync(_teamId));
    }

    [Theory]
    [InlineData("{}", new[] { "email", "username" })]
    [InlineData("{\"email\": \"not-an-email\", \"username\": \"bob\"}", new[] { "email" })]
    [InlineData("{\"email\": \"bob@example.com\", \"username\": \"   \"}", new[] { "username" })]
    public async Task AddUser_WhenFieldsAreMissingOrInvalid_Returns400NamingEachField(string body, string[] fields)
    {
        var (status, problem, _) = await _api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{_teamId}/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.All(fields, field => Assert.True(errors.ContainsKey(field), $"{field} missing in {problem.ToJsonString()}"));
        Assert.Single(await _api.ListUsersAsync(_teamId));
    }

    [Fact]
    public async Task AddUser_WhenEmailAlreadyInTeam_Returns409()
    {
        var (status, problem, _) = await _api.SendRawAsync(
            HttpMethod.Post, $"/api/v1/teams/{_teamId}/users", "{\"email\":\"ADA@example.com\",\"username\":\"ada2\"}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("ADA@example.com", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Single(await _api.ListUsersAsync(_teamId));
    }

    [Fact]
    public async Task AddUser_WhenBodyIsNotJson_Returns415()
    {
        var (status, _, _) = await _api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{_teamId}/users", "email=a@b.c", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Single(await _api.ListUsersAsync(_teamId));
    }

    [Fact]
    public async Task CreateCodemark_WhenMarkerFieldsAreWrong_Returns400NamingEachMarkerField()
    {
        var body = $$"""
            {"creatorId":"{{_adaId}}","type":"riddle","text":"x","markers":[{"file":"a.cs","startLine":5,"endLine":2},null,{"startLine":0,"endLine":1,"remoteCodeUrl":"ftp:/x"}]}
            """;

        var (status, problem, _) = await _api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{_teamId}/codemarks", body);

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
        var body = $$"""{"creatorId":"{{_adaId}}","type":"comment","text":"x","markers":[{"file":"a.cs","startLine":"ten","endLine":2}]}""";

        var (status, problem, _) = await _api.SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{_teamId}/codemarks", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("markers[0].startLine"), problem.ToJsonString());
    }

    [Fact]
    public async Task UnknownIds_Return404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendRawAsync(HttpMethod.Get, "/api/v1/codemarks/cm_unknown", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendRawAsync(HttpMethod.Get, "/api/v1/teams/team_unknown/users", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendRawAsync(HttpMethod.Put, "/api/v1/replies/post_unknown", "{\"text\":\"x\"}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendRawAsync(HttpMethod.Delete, "/api/v1/codemarks/cm_unknown", null)).Status);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await _api.SendRawAsync(HttpMethod.Post, $"/api/v1/codemarks/{_codemarkId}/replies", "{\"creatorId\":\"user_unknown\",\"text\":\"x\"}")).Status);
        var (status, problem, _) = await _api.SendRawAsync(
            HttpMethod.Post, "/api/v1/teams/team_unknown/codemarks", $$"""{"creatorId":"{{_adaId}}","type":"comment","text":"x","markers":[]}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("team_unknown", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Empty((await _api.GetCodemarkAsync(_codemarkId))["replies"]!.AsArray());
    }

    [Fact]
    public async Task AnotherTeamsUser_Returns403AndStoresNothing()
    {
        var otherTeamId = (string)(await _api.CreateTeamAsync("Other"))["id"]!;
        var mallory = (string)(await _api.AddUserAsync(otherTeamId, "mallory@example.com", "mallory"))["id"]!;

        var reply = await _api.SendRawAsync(
            HttpMethod.Post, $"/api/v1/codemarks/{_codemarkId}/replies", $$"""{"creatorId":"{{mallory}}","text":"hi"}""");
        var codemark = await _api.SendRawAsync(
            HttpMethod.Post, $"/api/v1/teams/{_teamId}/codemarks", $$"""{"creatorId":"{{mallory}}","type":"comment","text":"x","markers":[]}""");

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal(HttpStatusCode.Forbidden, codemark.Status);
        Assert.Empty((await _api.GetCodemarkAsync(_codemarkId))["replies"]!.AsArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task MissingOrWrongApiKey_Returns401AndStoresNothing(string? key)
    {
        using var client = _host.CreateClient(key);
        var anonymous = new ProductApi(client);

        var (status, problem, contentType) = await anonymous.SendRawAsync(HttpMethod.Post, "/api/v1/teams", "{\"name\":\"Sneaky\"}");
        var get = await anonymous.SendRawAsync(HttpMethod.Get, $"/api/v1/codemarks/{_codemarkId}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.DoesNotContain(TestHost.ApiKey, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, get.Status);
    }

    [Fact]
    public async Task OversizedBody_Returns413()
    {
        var body = "{\"name\":\"" + new string('a', 1_100_000) + "\"}";

        var (status, _, _) = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/teams", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }
}
