using System.Data.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.IntegrationTests.Support;
using CodeStream.Integrations.Infrastructure.Persistence;
using CodeStream.Integrations.Infrastructure.Slack.Persistence;
using CodeStream.Integrations.TestSupport.Databases;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class SlackShareRepositoryTests : DatabaseTest
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddShareAsync_WhenSlackMessageIsNew_ReturnsTrueAndListsShare(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var share = TestData.NewShare(seeded.Codemark, seeded.Author.Id);

        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryAddShareAsync(share, CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        var listed = await new SlackShareRepository(reader, new SlackThreadCache(TimeProvider.System)).ListSharesAsync(seeded.Codemark.Id, CancellationToken.None);
        Assert.Equal([share], listed);
        Assert.Equal($"slack::{TestData.SlackTeam}::C0GENERAL::1763889000.000100", listed[0].Identifier);
        Assert.Equal([share.Identifier], await database.QueryAsync<string>("SELECT share_id FROM codemark_shares"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListSharesAsync_WhenCodemarkWasSharedSeveralTimes_ReturnsOnlyItsSharesOldestFirst(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var latest = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889300.000300", "G0PRIVATE", sharedAt: TestData.At(300));
        var oldest = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889100.000100", "C0GENERAL", sharedAt: TestData.At(100)) with
        {
            SlackTeamName = null,
            ChannelName = null,
            Permalink = null,
            DeletedInSlackAt = TestData.At(400),
        };
        var middle = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889200.000200", "D0DIRECT", "E0GRID", sharedAt: TestData.At(200));
        var elsewhere = TestData.NewShare(other, seeded.Author.Id, "1763889150.000150", sharedAt: TestData.At(150));
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        foreach (var share in new[] { latest, elsewhere, oldest, middle })
        {
            Assert.True(await shares.TryAddShareAsync(share, CancellationToken.None));
        }

        Assert.Equal([oldest, middle, latest], await shares.ListSharesAsync(seeded.Codemark.Id, CancellationToken.None));
        Assert.Equal([elsewhere], await shares.ListSharesAsync(other.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListSharesAsync_WhenCodemarkWasNeverShared_ReturnsEmpty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        await using var session = new DbSession(database.Factory);

        Assert.Empty(await new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).ListSharesAsync(seeded.Codemark.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddShareAsync_WhenSlackMessageIsAlreadyRecorded_ReturnsFalseAndKeepsFirstShare(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var first = TestData.NewShare(seeded.Codemark, seeded.Author.Id);
        var sameMessage = TestData.NewShare(other, seeded.Author.Id, sharedAt: TestData.At(60)) with { ChannelName = "renamed" };
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryAddShareAsync(first, CancellationToken.None));

        Assert.False(await shares.TryAddShareAsync(sameMessage, CancellationToken.None));
        Assert.False(await shares.TryAddShareAsync(first, CancellationToken.None));

        Assert.Equal([first], await shares.ListSharesAsync(seeded.Codemark.Id, CancellationToken.None));
        Assert.Empty(await shares.ListSharesAsync(other.Id, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("codemark_shares"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddShareAsync_WhenSameTsIsInAnotherChannelOrWorkspace_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        const string Ts = "1763889000.000100";
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));

        Assert.True(await shares.TryAddShareAsync(TestData.NewShare(seeded.Codemark, seeded.Author.Id, Ts, "C0GENERAL", "T0SLACK01"), CancellationToken.None));
        Assert.True(await shares.TryAddShareAsync(TestData.NewShare(seeded.Codemark, seeded.Author.Id, Ts, "C0RANDOM", "T0SLACK01"), CancellationToken.None));
        Assert.True(await shares.TryAddShareAsync(TestData.NewShare(seeded.Codemark, seeded.Author.Id, Ts, "C0GENERAL", "T0SLACK02"), CancellationToken.None));
        Assert.True(await shares.TryAddShareAsync(TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889000.000101", "C0GENERAL", "T0SLACK01"), CancellationToken.None));

        Assert.Equal(4, (await shares.ListSharesAsync(seeded.Codemark.Id, CancellationToken.None)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddShareAsync_WhenSessionsRecordSameMessageConcurrently_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);

        var results = await Concurrently.RunAsync(database, inUnitOfWork: true, session =>
            new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryAddShareAsync(TestData.NewShare(seeded.Codemark, seeded.Author.Id), CancellationToken.None));

        Assert.Single(results, added => added);
        Assert.Equal(1, await database.CountAsync("codemark_shares"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindShareByIdempotencyKeyAsync_WhenShareWasAddedWithKey_ReturnsItForThatCodemarkOnly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var share = TestData.NewShare(seeded.Codemark, seeded.Author.Id) with { IdempotencyKey = "req-7f3a" };
        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryAddShareAsync(share, CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        var shares = new SlackShareRepository(reader, new SlackThreadCache(TimeProvider.System));
        Assert.Equal(share, await shares.FindShareByIdempotencyKeyAsync(seeded.Codemark.Id, "req-7f3a", CancellationToken.None));
        Assert.Null(await shares.FindShareByIdempotencyKeyAsync(seeded.Codemark.Id, "REQ-7F3A", CancellationToken.None));
        Assert.Null(await shares.FindShareByIdempotencyKeyAsync(other.Id, "req-7f3a", CancellationToken.None));
        Assert.Equal([share], await shares.ListSharesAsync(seeded.Codemark.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddShareAsync_WhenIdempotencyKeyIsTakenForCodemark_ReturnsFalse(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var first = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889000.000100") with { IdempotencyKey = "req-1" };
        var replay = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889999.000900", "C0RANDOM") with { IdempotencyKey = "req-1" };
        var otherCodemarkSameKey = TestData.NewShare(other, seeded.Author.Id, "1763889500.000500") with { IdempotencyKey = "req-1" };
        var withoutKeys = new[]
        {
            TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889600.000600"),
            TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889700.000700"),
        };
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryAddShareAsync(first, CancellationToken.None));

        Assert.False(await shares.TryAddShareAsync(replay, CancellationToken.None));
        Assert.True(await shares.TryAddShareAsync(otherCodemarkSameKey, CancellationToken.None));
        Assert.True(await shares.TryAddShareAsync(withoutKeys[0], CancellationToken.None));
        Assert.True(await shares.TryAddShareAsync(withoutKeys[1], CancellationToken.None));

        Assert.Null(await shares.FindShareByMessageAsync(replay.SlackTeamId, replay.ChannelId, replay.Ts, CancellationToken.None));
        Assert.Equal(first, await shares.FindShareByIdempotencyKeyAsync(seeded.Codemark.Id, "req-1", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindShareByMessageAsync_WhenMessageIsASharesRoot_ReturnsShareEvenWhenDeletedInSlack(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var live = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889000.000100");
        var deleted = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889200.000200") with { DeletedInSlackAt = TestData.At(9) };
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryAddShareAsync(live, CancellationToken.None));
        Assert.True(await shares.TryAddShareAsync(deleted, CancellationToken.None));

        Assert.Equal(live, await shares.FindShareByMessageAsync(live.SlackTeamId, live.ChannelId, live.Ts, CancellationToken.None));
        Assert.Equal(deleted, await shares.FindShareByMessageAsync(deleted.SlackTeamId, deleted.ChannelId, deleted.Ts, CancellationToken.None));
        Assert.Null(await shares.FindShareByMessageAsync(live.SlackTeamId, SlackChannelId.Parse("C0RANDOM"), live.Ts, CancellationToken.None));
        Assert.Null(await shares.FindShareByMessageAsync(SlackTeamId.Parse("T0SLACK02"), live.ChannelId, live.Ts, CancellationToken.None));
        Assert.Null(await shares.FindShareByMessageAsync(live.SlackTeamId, live.ChannelId, SlackTs.Parse("1763889000.000101"), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindLiveShareAsync_WhenConversationHasShares_ReturnsOldestNotDeletedInSlack(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var deletedOldest = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889000.000100", sharedAt: TestData.At(0)) with
        {
            DeletedInSlackAt = TestData.At(5),
        };
        var newerLive = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889300.000300", sharedAt: TestData.At(300));
        var olderLive = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889200.000200", sharedAt: TestData.At(200));
        var inOtherChannel = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889100.000100", "C0RANDOM", sharedAt: TestData.At(100));
        var otherCodemark = TestData.NewShare(other, seeded.Author.Id, "1763889050.000050", sharedAt: TestData.At(50));
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        foreach (var share in new[] { deletedOldest, newerLive, olderLive, inOtherChannel, otherCodemark })
        {
            Assert.True(await shares.TryAddShareAsync(share, CancellationToken.None));
        }

        var general = SlackChannelId.Parse("C0GENERAL");
        var slackTeam = SlackTeamId.Parse(TestData.SlackTeam);
        Assert.Equal(olderLive, await shares.FindLiveShareAsync(seeded.Codemark.Id, slackTeam, general, CancellationToken.None));
        Assert.Equal(inOtherChannel, await shares.FindLiveShareAsync(seeded.Codemark.Id, slackTeam, SlackChannelId.Parse("C0RANDOM"), CancellationToken.None));
        Assert.Null(await shares.FindLiveShareAsync(seeded.Codemark.Id, SlackTeamId.Parse("T0SLACK02"), general, CancellationToken.None));
        Assert.Null(await shares.FindLiveShareAsync(seeded.Codemark.Id, slackTeam, SlackChannelId.Parse("D0DIRECT"), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindLiveShareAsync_WhenEveryShareWasDeletedInSlack_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var share = TestData.NewShare(seeded.Codemark, seeded.Author.Id);
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryAddShareAsync(share, CancellationToken.None));

        await shares.MarkShareDeletedAsync(share.SlackTeamId, share.ChannelId, share.Ts, TestData.At(10), CancellationToken.None);

        Assert.Null(await shares.FindLiveShareAsync(seeded.Codemark.Id, share.SlackTeamId, share.ChannelId, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task MarkShareDeletedAsync_WhenCalledTwice_KeepsFirstDeletionTimeAndTouchesNoOtherShare(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var share = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889000.000100");
        var sameTsOtherChannel = TestData.NewShare(seeded.Codemark, seeded.Author.Id, "1763889000.000100", "C0RANDOM");
        await using (var session = new DbSession(database.Factory))
        {
            var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
            Assert.True(await shares.TryAddShareAsync(share, CancellationToken.None));
            Assert.True(await shares.TryAddShareAsync(sameTsOtherChannel, CancellationToken.None));
            await shares.MarkShareDeletedAsync(share.SlackTeamId, share.ChannelId, share.Ts, TestData.At(10), CancellationToken.None);
            await shares.MarkShareDeletedAsync(share.SlackTeamId, share.ChannelId, share.Ts, TestData.At(20), CancellationToken.None);
            await shares.MarkShareDeletedAsync(share.SlackTeamId, share.ChannelId, SlackTs.Parse("1763889999.000999"), TestData.At(30), CancellationToken.None);
        }

        await using var reader = new DbSession(database.Factory);
        var stored = new SlackShareRepository(reader, new SlackThreadCache(TimeProvider.System));
        Assert.Equal(
            share with { DeletedInSlackAt = TestData.At(10) },
            await stored.FindShareByMessageAsync(share.SlackTeamId, share.ChannelId, share.Ts, CancellationToken.None));
        Assert.Equal(
            sameTsOtherChannel,
            await stored.FindShareByMessageAsync(sameTsOtherChannel.SlackTeamId, sameTsOtherChannel.ChannelId, sameTsOtherChannel.Ts, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryReserveAsync_WhenConversationIsFree_ReturnsTrueAndThenRefusesAFreshSecondReservation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var (slackTeam, channel) = (SlackTeamId.Parse(TestData.SlackTeam), SlackChannelId.Parse("C0GENERAL"));
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));

        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));

        Assert.False(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));
        Assert.False(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(59), StaleAfter, "intent-test", CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("share_reservations"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryReserveAsync_WhenReservationIsStale_TakesItOver(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var (slackTeam, channel) = (SlackTeamId.Parse(TestData.SlackTeam), SlackChannelId.Parse("C0GENERAL"));
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));

        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(61), StaleAfter, "intent-test", CancellationToken.None));

        // The takeover renewed the reservation: it is fresh again for another minute.
        Assert.False(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(100), StaleAfter, "intent-test", CancellationToken.None));
        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(122), StaleAfter, "intent-test", CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("share_reservations"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryReserveAsync_WhenReservationWasReleased_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var (slackTeam, channel) = (SlackTeamId.Parse(TestData.SlackTeam), SlackChannelId.Parse("C0GENERAL"));
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));

        await shares.ReleaseReservationAsync(seeded.Codemark.Id, slackTeam, channel, CancellationToken.None);

        Assert.Equal(0, await database.CountAsync("share_reservations"));
        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(1), StaleAfter, "intent-test", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryReserveAsync_WhenOtherConversationOrCodemarkIsReserved_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var (slackTeam, channel) = (SlackTeamId.Parse(TestData.SlackTeam), SlackChannelId.Parse("C0GENERAL"));
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));

        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, SlackChannelId.Parse("C0RANDOM"), TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));
        Assert.True(await shares.TryReserveAsync(seeded.Codemark.Id, SlackTeamId.Parse("T0SLACK02"), channel, TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));
        Assert.True(await shares.TryReserveAsync(other.Id, slackTeam, channel, TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));

        await shares.ReleaseReservationAsync(other.Id, slackTeam, channel, CancellationToken.None);
        Assert.False(await shares.TryReserveAsync(seeded.Codemark.Id, slackTeam, channel, TestData.At(1), StaleAfter, "intent-test", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ReleaseReservationAsync_WhenNothingIsReserved_DoesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        await using var session = new DbSession(database.Factory);

        await new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).ReleaseReservationAsync(
            seeded.Codemark.Id, SlackTeamId.Parse(TestData.SlackTeam), SlackChannelId.Parse("C0GENERAL"), CancellationToken.None);

        Assert.Equal(0, await database.CountAsync("share_reservations"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryReserveAsync_WhenEightUnitsOfWorkReserveConcurrently_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);

        var results = await Concurrently.RunAsync(database, inUnitOfWork: true, session =>
            new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryReserveAsync(
                seeded.Codemark.Id, SlackTeamId.Parse(TestData.SlackTeam), SlackChannelId.Parse("C0GENERAL"), TestData.At(0), StaleAfter, "intent-test", CancellationToken.None));

        Assert.Single(results, reserved => reserved);
        Assert.Equal(1, await database.CountAsync("share_reservations"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddMessageCopyAsync_WhenSlackMessageIsNew_ReturnsTrueAndFindsCopy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "A reply", 5);
        var copy = TestData.NewMessageCopy(reply.Id);

        await using (var session = new DbSession(database.Factory))
        {
            Assert.True(await new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryAddMessageCopyAsync(copy, CancellationToken.None));
        }

        await using var reader = new DbSession(database.Factory);
        var found = await new SlackShareRepository(reader, new SlackThreadCache(TimeProvider.System)).FindMessageCopyAsync(copy.SlackTeamId, copy.ChannelId, copy.Ts, CancellationToken.None);
        Assert.Equal(copy, found);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task FindMessageCopyAsync_WhenAnyKeyPartDiffers_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "A reply", 5);
        var copy = TestData.NewMessageCopy(reply.Id, "1763889100.000200", "C0GENERAL", "T0SLACK01");
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryAddMessageCopyAsync(copy, CancellationToken.None));

        Assert.Null(await shares.FindMessageCopyAsync(SlackTeamId.Parse("T0SLACK02"), copy.ChannelId, copy.Ts, CancellationToken.None));
        Assert.Null(await shares.FindMessageCopyAsync(copy.SlackTeamId, SlackChannelId.Parse("C0RANDOM"), copy.Ts, CancellationToken.None));
        Assert.Null(await shares.FindMessageCopyAsync(copy.SlackTeamId, copy.ChannelId, SlackTs.Parse("1763889100.0002"), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddMessageCopyAsync_WhenSlackMessageIsAlreadyRecorded_ReturnsFalseAndKeepsFirstCopy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "A reply", 5);
        var otherReply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "Another reply", 6);
        var first = TestData.NewMessageCopy(reply.Id);
        var sameMessage = TestData.NewMessageCopy(otherReply.Id, createdAt: TestData.At(60)) with { Permalink = null };
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        Assert.True(await shares.TryAddMessageCopyAsync(first, CancellationToken.None));

        Assert.False(await shares.TryAddMessageCopyAsync(sameMessage, CancellationToken.None));

        Assert.Equal(first, await shares.FindMessageCopyAsync(first.SlackTeamId, first.ChannelId, first.Ts, CancellationToken.None));
        Assert.Empty(await shares.ListMessageCopiesOfPostAsync(otherReply.Id, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("slack_message_copies"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddMessageCopyAsync_WhenSameTsIsInAnotherChannelOrWorkspace_ReturnsTrue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "A reply", 5);
        const string Ts = "1763889100.000200";
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));

        Assert.True(await shares.TryAddMessageCopyAsync(TestData.NewMessageCopy(reply.Id, Ts, "C0GENERAL", "T0SLACK01"), CancellationToken.None));
        Assert.True(await shares.TryAddMessageCopyAsync(TestData.NewMessageCopy(reply.Id, Ts, "C0RANDOM", "T0SLACK01"), CancellationToken.None));
        Assert.True(await shares.TryAddMessageCopyAsync(TestData.NewMessageCopy(reply.Id, Ts, "C0GENERAL", "T0SLACK02"), CancellationToken.None));

        Assert.Equal(3, (await shares.ListMessageCopiesOfPostAsync(reply.Id, CancellationToken.None)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddMessageCopyAsync_WhenPostDoesNotExist_ThrowsForeignKeyViolation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Seed.TeamWithCodemarkAsync(database);
        await using var session = new DbSession(database.Factory);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryAddMessageCopyAsync(TestData.NewMessageCopy(PostId.New(DateTimeOffset.UtcNow)), CancellationToken.None));

        Assert.Equal(0, await database.CountAsync("slack_message_copies"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddMessageCopyAsync_WhenEightSessionsRecordSameMessageConcurrently_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "A reply", 5);

        var results = await Concurrently.RunAsync(database, inUnitOfWork: false, session =>
            new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryAddMessageCopyAsync(TestData.NewMessageCopy(reply.Id), CancellationToken.None));

        Assert.Equal(Concurrently.Sessions, results.Length);
        Assert.Single(results, added => added);
        Assert.Equal(1, await database.CountAsync("slack_message_copies"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task TryAddMessageCopyAsync_WhenEightUnitsOfWorkRecordSameMessageConcurrently_ExactlyOneSucceeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var replies = new List<Post>();
        for (var n = 0; n < Concurrently.Sessions; n++)
        {
            replies.Add(await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, $"Reply {n}", n));
        }

        var next = -1;
        var results = await Concurrently.RunAsync(database, inUnitOfWork: true, session =>
        {
            // Each session claims the Slack message for a different reply, as two racing event deliveries would.
            var reply = replies[Interlocked.Increment(ref next)];
            return new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System)).TryAddMessageCopyAsync(TestData.NewMessageCopy(reply.Id), CancellationToken.None);
        });

        Assert.Single(results, added => added);
        Assert.Equal(1, await database.CountAsync("slack_message_copies"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListMessageCopiesAsync_WhenRepliesHaveCopies_ReturnsTheCodemarksCopiesOldestFirst(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var other = await Seed.CodemarkAsync(database, seeded.Team.Id, seeded.Author.Id);
        var first = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "first", 1);
        var second = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "second", 2);
        var elsewhere = await Seed.ReplyAsync(database, other, seeded.Author.Id, "elsewhere", 3);
        var late = TestData.NewMessageCopy(first.Id, "1763889300.000300", "C0RANDOM", createdAt: TestData.At(300));
        var early = TestData.NewMessageCopy(second.Id, "1763889100.000100", createdAt: TestData.At(100)) with { Permalink = null };
        var middle = TestData.NewMessageCopy(first.Id, "1763889200.000200", createdAt: TestData.At(200));
        var notThisCodemark = TestData.NewMessageCopy(elsewhere.Id, "1763889150.000150", createdAt: TestData.At(150));
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        foreach (var copy in new[] { late, notThisCodemark, early, middle })
        {
            Assert.True(await shares.TryAddMessageCopyAsync(copy, CancellationToken.None));
        }

        Assert.Equal([early, middle, late], await shares.ListMessageCopiesAsync(seeded.Codemark.Id, CancellationToken.None));
        Assert.Equal([notThisCodemark], await shares.ListMessageCopiesAsync(other.Id, CancellationToken.None));
        Assert.Empty(await shares.ListMessageCopiesAsync(CodemarkId.New(DateTimeOffset.UtcNow), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ListMessageCopiesOfPostAsync_WhenSeveralPostsHaveCopies_ReturnsOnlyThatPostsCopies(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await Seed.TeamWithCodemarkAsync(database);
        var reply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "reply", 1);
        var otherReply = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "other", 2);
        var inGeneral = TestData.NewMessageCopy(reply.Id, "1763889100.000100", "C0GENERAL");
        var inRandom = TestData.NewMessageCopy(reply.Id, "1763889100.000100", "C0RANDOM", createdAt: TestData.At(1));
        var ofOther = TestData.NewMessageCopy(otherReply.Id, "1763889200.000200");
        var withoutCopies = await Seed.ReplyAsync(database, seeded.Codemark, seeded.Author.Id, "no copies", 3);
        await using var session = new DbSession(database.Factory);
        var shares = new SlackShareRepository(session, new SlackThreadCache(TimeProvider.System));
        foreach (var copy in new[] { inGeneral, ofOther, inRandom })
        {
            Assert.True(await shares.TryAddMessageCopyAsync(copy, CancellationToken.None));
        }

        var listed = await shares.ListMessageCopiesOfPostAsync(reply.Id, CancellationToken.None);

        Assert.Equal(2, listed.Count);
        Assert.Contains(inGeneral, listed);
        Assert.Contains(inRandom, listed);
        Assert.Equal([ofOther], await shares.ListMessageCopiesOfPostAsync(otherReply.Id, CancellationToken.None));
        Assert.Empty(await shares.ListMessageCopiesOfPostAsync(withoutCopies.Id, CancellationToken.None));
    }
}
