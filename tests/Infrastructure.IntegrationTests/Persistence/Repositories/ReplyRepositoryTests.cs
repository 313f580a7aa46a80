using System.Data.Common;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Core.Persistence;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class ReplyRepositoryTests : DatabaseTest
{
    private static readonly FileReference Screenshot = new("screen shot.png", "image/png", 5_000_000_000, "https://files.slack.com/files-pri/T0SLACK01-F01/screen_shot.png");
    private static readonly FileReference Notes = new("notes – ünïcode.txt", MimeType: null, Size: null, Url: null);

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenReplyHasMentionsAndFiles_ReturnsThem(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var bob = await Seed.UserAsync(database, seeded.Team.Id, "bob@acme.example", "bob");
        var carol = await Seed.UserAsync(database, seeded.Team.Id, "carol@acme.example", "carol");
        var reply = TestData.NewReply(
            seeded.Codemark, seeded.Author.Id, "@bob @carol look 🚀", TestData.At(5), [carol.Id, bob.Id], [Screenshot, Notes], SlackPostOrigin.Value);

        await using (var session = new DbSession(database.Factory))
        {
            await new ReplyRepository(session).AddAsync(reply, CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new ReplyRepository(reader).GetAsync(reply.Id, CancellationToken.None);
        DomainAssert.Equal(reply, stored);
        Assert.Equal(seeded.Codemark.PostId, stored!.ParentPostId);
        Assert.Equal(SlackPostOrigin.Value, stored.Origin);
        Assert.Equal(DomainAssert.Sorted([bob.Id, carol.Id]), DomainAssert.Sorted(stored.MentionedUserIds));
        Assert.Equal([Screenshot, Notes], stored.Files);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenReplyHasNoMentionsNorFiles_ReturnsEmptyLists(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "Plain reply", TestData.At(5));
        await using var session = new DbSession(database.Factory);
        var replies = new ReplyRepository(session);

        await replies.AddAsync(reply, CancellationToken.None);

        var stored = await replies.GetAsync(reply.Id, CancellationToken.None);
        DomainAssert.Equal(reply, stored);
        Assert.Empty(stored!.MentionedUserIds);
        Assert.Empty(stored.Files);
        Assert.Equal(PostOrigin.CodeStream, stored.Origin);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenSlackReplyIsOnlyAFile_ReturnsEmptyTextAndFile(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = TestData.NewReply(seeded.Codemark, seeded.Author.Id, string.Empty, TestData.At(5), files: [Screenshot], origin: SlackPostOrigin.Value);
        await using var session = new DbSession(database.Factory);
        var replies = new ReplyRepository(session);

        await replies.AddAsync(reply, CancellationToken.None);

        var stored = await replies.GetAsync(reply.Id, CancellationToken.None);
        DomainAssert.Equal(reply, stored);
        Assert.Equal(string.Empty, stored!.Text);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task GetAsync_WhenReplyDoesNotExist_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "A reply", 1);
        await using var session = new DbSession(database.Factory);
        var replies = new ReplyRepository(session);

        Assert.Null(await replies.GetAsync(PostId.New(DateTimeOffset.UtcNow), CancellationToken.None));
        Assert.Null(await replies.GetAsync(seeded.Codemark.PostId, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AddAsync_WhenSameUserIsMentionedTwice_StoresOneMention(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "@alice @alice", TestData.At(5), [seeded.Author.Id, seeded.Author.Id]);
        await using var session = new DbSession(database.Factory);
        var replies = new ReplyRepository(session);

        await replies.AddAsync(reply, CancellationToken.None);

        var stored = await replies.GetAsync(reply.Id, CancellationToken.None);
        Assert.Equal([seeded.Author.Id], stored!.MentionedUserIds);
        Assert.Equal(1, await database.CountAsync("post_mentions"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AddAsync_WhenMentionedUserDoesNotExist_ThrowsForeignKeyViolation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "@ghost", TestData.At(5), [UserId.New(DateTimeOffset.UtcNow)]);
        await using var session = new DbSession(database.Factory);
        await session.BeginAsync(CancellationToken.None);

        // On PostgreSQL the writes are held until the transaction's next statement, here its commit (ADR 18).
        await Assert.ThrowsAnyAsync<DbException>(async () =>
        {
            await new ReplyRepository(session).AddAsync(reply, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        });

        await session.RollbackAsync(CancellationToken.None);
        Assert.Equal(0, await database.CountAsync("posts"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_WhenReplyWasEdited_SavesTextEditedAtAndReplacesMentions(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var bob = await Seed.UserAsync(database, seeded.Team.Id, "bob@acme.example", "bob");
        var carol = await Seed.UserAsync(database, seeded.Team.Id, "carol@acme.example", "carol");
        var reply = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "@bob please look", TestData.At(5), [bob.Id], [Screenshot]);
        await using (var session = new DbSession(database.Factory))
        {
            await new ReplyRepository(session).AddAsync(reply, CancellationToken.None);
        }

        var edited = reply.Edit("@carol please look", TestData.At(50), [carol.Id, seeded.Author.Id]);
        Assert.NotNull(edited);
        await using (var session = new DbSession(database.Factory))
        {
            await new ReplyRepository(session).UpdateAsync(edited, CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new ReplyRepository(reader).GetAsync(reply.Id, CancellationToken.None);
        DomainAssert.Equal(edited, stored);
        Assert.Equal("@carol please look", stored!.Text);
        Assert.Equal(TestData.At(50), stored.EditedAt);
        Assert.DoesNotContain(bob.Id, stored.MentionedUserIds);
        Assert.Equal([Screenshot], stored.Files);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_WhenMentionsWereRemoved_StoresNoMentions(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "@alice", TestData.At(5), [seeded.Author.Id]);
        await using var session = new DbSession(database.Factory);
        var replies = new ReplyRepository(session);
        await replies.AddAsync(reply, CancellationToken.None);

        await replies.UpdateAsync(reply.Edit("nobody", TestData.At(6), [])!, CancellationToken.None);

        Assert.Empty((await replies.GetAsync(reply.Id, CancellationToken.None))!.MentionedUserIds);
        Assert.Equal(0, await database.CountAsync("post_mentions"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task UpdateAsync_WhenReplyWasDeleted_SavesDeletedAt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "To be deleted", 5);
        var deleted = reply.Delete(TestData.At(70));
        await using (var session = new DbSession(database.Factory))
        {
            await new ReplyRepository(session).UpdateAsync(deleted, CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = await new ReplyRepository(reader).GetAsync(reply.Id, CancellationToken.None);
        DomainAssert.Equal(deleted, stored);
        Assert.True(stored!.IsDeleted);
        Assert.Equal(TestData.At(70), stored.DeletedAt);
        Assert.Null(stored.EditedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListByCodemarkAsync_WhenRepliesWereAddedOutOfOrder_ReturnsThemOldestFirstWithDeletedOnes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var bob = await Seed.UserAsync(database, seeded.Team.Id, "bob@acme.example", "bob");
        var otherCodemark = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var third = TestData.NewReply(seeded.Codemark, bob.Id, "third", TestData.At(30), [seeded.Author.Id]);
        var first = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "first", TestData.At(10), [bob.Id], [Notes]);
        var second = TestData.NewReply(seeded.Codemark, bob.Id, "second", TestData.At(20));
        var elsewhere = TestData.NewReply(otherCodemark, bob.Id, "on another codemark", TestData.At(15), [seeded.Author.Id]);
        await using (var session = new DbSession(database.Factory))
        {
            var replies = new ReplyRepository(session);
            foreach (var reply in new[] { third, first, elsewhere, second })
            {
                await replies.AddAsync(reply, CancellationToken.None);
            }

            await replies.UpdateAsync(second.Delete(TestData.At(40)), CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var listed = await new ReplyRepository(reader).ListByCodemarkAsync(seeded.Codemark.Id, CancellationToken.None);

        Assert.Equal(3, listed.Count);
        DomainAssert.Equal(first, listed[0]);
        DomainAssert.Equal(second.Delete(TestData.At(40)), listed[1]);
        DomainAssert.Equal(third, listed[2]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListByCodemarkAsync_WhenRepliesShareCreatedAt_ReturnsThemInIdOrder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var sameTime = Enumerable.Range(0, 5)
            .Select(n => TestData.NewReply(seeded.Codemark, seeded.Author.Id, $"reply {n}", TestData.At(10)))
            .ToList();
        await using var session = new DbSession(database.Factory);
        var replies = new ReplyRepository(session);
        foreach (var reply in Enumerable.Reverse(sameTime))
        {
            await replies.AddAsync(reply, CancellationToken.None);
        }

        var listed = await replies.ListByCodemarkAsync(seeded.Codemark.Id, CancellationToken.None);

        Assert.Equal(sameTime.Select(reply => reply.Id.Value).Order(StringComparer.Ordinal), listed.Select(reply => reply.Id.Value));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListByCodemarkAsync_WhenCodemarkHasNoReplies_ReturnsEmpty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        await Seed.ReplyAsync(database, other, seeded.Author.Id, "elsewhere", 1);
        await using var session = new DbSession(database.Factory);

        Assert.Empty(await new ReplyRepository(session).ListByCodemarkAsync(seeded.Codemark.Id, CancellationToken.None));
    }
}
