using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Slack.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

/// <summary>
/// A reply's Slack messages know whether the bot posted them, and a Slack edit's time moves forward only: both on
/// SQLite and PostgreSQL. Migration 0015's backfill tells the two kinds apart for rows recorded before the column.
/// </summary>
public sealed class SlackMessageCopyTests : DatabaseTest
{
    private static readonly SlackTeamId Workspace = SlackTeamId.Parse(TestData.SlackTeam);
    private static readonly SlackChannelId Channel = SlackChannelId.Parse("C0GENERAL");
    private static readonly SlackTs Root = SlackTs.Parse("1763889000.000100");

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task MessageCopy_KeepsWhetherTheBotPostedIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "hi", 10);

        await AddAsync(database, Copy(reply.Id, "1763889100.000200", postedByBot: false));
        await AddAsync(database, Copy(reply.Id, "1763889200.000300", postedByBot: true));

        await using var reader = new DbSession(database.Factory);
        var copies = await Repository(reader).ListMessageCopiesOfPostAsync(reply.Id, CancellationToken.None);
        Assert.Equal([false, true], copies.OrderBy(c => c.Ts.Value, StringComparer.Ordinal).Select(c => c.PostedByBot));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryMarkEdited_MovesOnlyForward(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "hi", 10);
        var message = Copy(reply.Id, "1763889100.000200", postedByBot: false);
        await AddAsync(database, message);

        Assert.True(await MarkAsync(database, message, "1763889300.000001"));
        Assert.False(await MarkAsync(database, message, "1763889300.000001")); // the same edit again
        Assert.False(await MarkAsync(database, message, "1763889299.999999")); // an older one, late
        Assert.True(await MarkAsync(database, message, "1763889300.000002"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AddMessageCopy_OfAMessageRecordedAlready_FailsItsUnitOfWorkAsADuplicate_AndStoresNothingOfIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var first = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "first", 10);
        await AddAsync(database, Copy(first.Id, "1763889100.000200", postedByBot: false));
        var twin = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "the same message again", TestData.At(20), origin: SlackPostOrigin.Value);

        await using (var session = new DbSession(database.Factory))
        {
            // As a redelivered event would: the reply, then its Slack message, which is recorded already.
            await Assert.ThrowsAsync<Application.Slack.Persistence.DuplicateSlackMessageException>(() => session.InTransactionAsync(
                async () =>
                {
                    await new Core.Persistence.ReplyRepository(session).AddAsync(twin, CancellationToken.None);
                    await Repository(session).AddMessageCopyAsync(Copy(twin.Id, "1763889100.000200", postedByBot: false), CancellationToken.None);
                    return 0;
                },
                CancellationToken.None));
            Assert.Null(session.Transaction);

            await session.InTransactionAsync(
                async () =>
                {
                    await Repository(session).AddMessageCopyAsync(Copy(first.Id, "1763889200.000300", postedByBot: true), CancellationToken.None);
                    return 0;
                },
                CancellationToken.None);
        }

        Assert.Equal(["first"], await database.QueryAsync<string>("SELECT text FROM posts WHERE parent_post_id IS NOT NULL"));
        Assert.Equal(["1763889100.000200", "1763889200.000300"], await database.QueryAsync<string>("SELECT ts FROM slack_message_copies ORDER BY ts"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task AddMessageCopy_FromEightUnitsOfWorkAtOnce_StoresOne_AndTheOthersFailAsDuplicates(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var replies = new List<Post>();
        for (var n = 0; n < 8; n++)
        {
            replies.Add(await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, $"Reply {n}", n));
        }

        using var go = new ManualResetEventSlim();
        var units = replies.Select(reply => Task.Run(async () =>
        {
            await using var session = new DbSession(database.Factory);
            await session.ConnectionAsync(CancellationToken.None);
            go.Wait(TimeSpan.FromSeconds(30));
            try
            {
                await session.InTransactionAsync(
                    async () =>
                    {
                        await Repository(session).AddMessageCopyAsync(Copy(reply.Id, "1763889100.000200", postedByBot: false), CancellationToken.None);
                        return 0;
                    },
                    CancellationToken.None);
                return true;
            }
            catch (Application.Slack.Persistence.DuplicateSlackMessageException)
            {
                return false;
            }
        })).ToArray();
        go.Set();

        Assert.Single(await Task.WhenAll(units), stored => stored);
        Assert.Equal(1, await database.CountAsync("slack_message_copies"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Migration0015Backfill_MarksEveryMessageButASlackUsersOriginalAsTheBots(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        const string originalTs = "1763889100.123456";
        var fromSlack = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "from Slack", SlackTs.Parse(originalTs).ToDateTimeOffset(), origin: SlackPostOrigin.Value);
        var fromModal = TestData.NewReply(seeded.Codemark, seeded.Author.Id, "from the modal", TestData.At(20), origin: SlackPostOrigin.Value);
        var fromCodeStream = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "from CodeStream", 30);
        await using (var session = new DbSession(database.Factory))
        {
            var replies = new Core.Persistence.ReplyRepository(session);
            await replies.AddAsync(fromSlack, CancellationToken.None);
            await replies.AddAsync(fromModal, CancellationToken.None);
        }

        await AddAsync(database, Copy(fromSlack.Id, originalTs, postedByBot: false));
        await AddAsync(database, Copy(fromSlack.Id, "1763889150.000100", postedByBot: false, channel: "C0DESIGN"));
        await AddAsync(database, Copy(fromModal.Id, "1763889160.000100", postedByBot: false));
        await AddAsync(database, Copy(fromCodeStream.Id, "1763889170.000100", postedByBot: false));

        await using (var connection = await database.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = BackfillStatement();
            await command.ExecuteNonQueryAsync();
        }

        var marked = await database.QueryAsync<string>("SELECT ts FROM slack_message_copies WHERE posted_by_bot = 1 ORDER BY ts");
        Assert.Equal(["1763889150.000100", "1763889160.000100", "1763889170.000100"], marked);
    }

    // The UPDATE of the migration script, exactly as shipped.
    private static string BackfillStatement()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("0015_copies_reactions.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var script = reader.ReadToEnd();
        var start = script.IndexOf("UPDATE slack_message_copies", StringComparison.Ordinal);
        return script[start..(script.IndexOf(';', start) + 1)];
    }

    private static SlackMessageCopy Copy(PostId postId, string ts, bool postedByBot, string channel = "C0GENERAL") =>
        new(postId, Workspace, SlackChannelId.Parse(channel), SlackTs.Parse(ts), Root, null, TestData.At(50), postedByBot);

    private static SlackShareRepository Repository(DbSession session) => new(session, new SlackThreadCache(TimeProvider.System));

    private static async Task AddAsync(TestDatabase database, SlackMessageCopy copy)
    {
        await using var session = new DbSession(database.Factory);
        Assert.True(await Repository(session).TryAddMessageCopyAsync(copy, CancellationToken.None));
    }

    private static async Task<bool> MarkAsync(TestDatabase database, SlackMessageCopy message, string editedTs)
    {
        await using var session = new DbSession(database.Factory);
        return await Repository(session).TryMarkEditedAsync(message, SlackTs.Parse(editedTs), CancellationToken.None);
    }
}
