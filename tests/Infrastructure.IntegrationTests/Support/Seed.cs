using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Support;

/// <summary>A team with one registered user and one codemark (no markers), stored through the repositories.</summary>
internal sealed record SeededCodemark(Team Team, User Author, Codemark Codemark);

/// <summary>
/// Stores the rows a test needs before the behaviour under test, each call in its own session, so the test then
/// reads through a fresh connection.
/// </summary>
internal static class Seed
{
    public static async Task<Team> TeamAsync(TestDatabase database, string name = "Acme")
    {
        var team = TestData.NewTeam(name);
        await using var session = new DbSession(database.Factory);
        await new TeamRepository(session).AddAsync(team, CancellationToken.None);
        return team;
    }

    public static async Task<User> UserAsync(TestDatabase database, TeamId teamId, string email, string username = "alice", int createdAtSecond = 0)
    {
        var user = TestData.NewRegisteredUser(teamId, email, username, createdAtSecond);
        await using var session = new DbSession(database.Factory);
        Assert.True(await new UserRepository(session).TryAddAsync(user, CancellationToken.None));
        return user;
    }

    public static async Task<Codemark> CodemarkAsync(TestDatabase database, TeamId teamId, UserId creatorId)
    {
        var codemark = TestData.NewCodemark(teamId, creatorId);
        await using var session = new DbSession(database.Factory);
        await new CodemarkRepository(session).AddAsync(codemark, CancellationToken.None);
        return codemark;
    }

    public static async Task<SeededCodemark> TeamWithCodemarkAsync(TestDatabase database)
    {
        var team = await TeamAsync(database);
        var author = await UserAsync(database, team.Id, "alice@acme.example");
        var codemark = await CodemarkAsync(database, team.Id, author.Id);
        return new SeededCodemark(team, author, codemark);
    }

    public static async Task<Post> ReplyAsync(TestDatabase database, Codemark codemark, UserId creatorId, string text, int createdAtSecond)
    {
        var reply = TestData.NewReply(codemark, creatorId, text, TestData.At(createdAtSecond));
        await using var session = new DbSession(database.Factory);
        await new ReplyRepository(session).AddAsync(reply, CancellationToken.None);
        return reply;
    }
}
