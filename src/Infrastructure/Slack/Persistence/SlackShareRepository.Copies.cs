using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

/// <summary>The Slack messages of replies: the ones Slack users wrote and the copies the bot posted.</summary>
internal sealed partial class SlackShareRepository
{
    private const string CopyColumns = """
        c.post_id AS PostId, c.slack_team_id AS SlackTeamId, c.channel_id AS ChannelId, c.ts AS Ts, c.thread_ts AS ThreadTs,
        c.permalink AS Permalink, c.created_at AS CreatedAt, c.posted_by_bot AS PostedByBot
        """;

    private const string InsertCopyOrFailSql = """
        INSERT INTO slack_message_copies (slack_team_id, channel_id, ts, post_id, thread_ts, permalink, created_at, posted_by_bot)
        VALUES (@SlackTeamId, @ChannelId, @Ts, @PostId, @ThreadTs, @Permalink, @CreatedAt, @PostedByBot)
        """;

    private const string InsertCopySql = InsertCopyOrFailSql + " ON CONFLICT DO NOTHING";

    // The key a twin of a recorded Slack message runs into: (workspace, channel, ts).
    private const string CopiesKey = "slack_message_copies_pkey";

    private const string SelectCopiesOfCodemarkSql = $"""
        SELECT {CopyColumns} FROM slack_message_copies c JOIN posts p ON p.id = c.post_id
        WHERE p.codemark_id = @CodemarkId ORDER BY c.created_at
        """;

    private const string SelectCopiesOfPostSql = $"SELECT {CopyColumns} FROM slack_message_copies c WHERE c.post_id = @PostId";

    private const string SelectCopySql = $"""
        SELECT {CopyColumns} FROM slack_message_copies c WHERE c.slack_team_id = @SlackTeamId AND c.channel_id = @ChannelId AND c.ts = @Ts
        """;

    // Compare and set: only an edit later than the one applied last moves the mark (and so may change the reply).
    private const string MarkEditedSql = """
        UPDATE slack_message_copies SET last_edit_us = @EditUs
        WHERE slack_team_id = @SlackTeamId AND channel_id = @ChannelId AND ts = @Ts AND (last_edit_us IS NULL OR last_edit_us < @EditUs)
        """;

    public async Task<bool> TryAddMessageCopyAsync(SlackMessageCopy copy, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(InsertCopySql, CopyParameters(copy), cancellationToken).ConfigureAwait(false) == 1;

    public async Task AddMessageCopyAsync(SlackMessageCopy copy, CancellationToken cancellationToken)
    {
        if (session.Provider != DatabaseProvider.Postgres)
        {
            if (!await TryAddMessageCopyAsync(copy, cancellationToken).ConfigureAwait(false))
            {
                throw new DuplicateSlackMessageException();
            }

            return;
        }

        // PostgreSQL: held, so it travels with the commit instead of taking a round trip of its own to be counted; a
        // twin then fails the transaction on the key, before its COMMIT.
        await session.ExecuteHeldAsync(
            InsertCopyOrFailSql,
            CopyParameters(copy),
            cancellationToken,
            onFailure: failure => failure is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: CopiesKey }
                ? new DuplicateSlackMessageException(failure)
                : null).ConfigureAwait(false);
    }

    private static object CopyParameters(SlackMessageCopy copy) => new
    {
        SlackTeamId = copy.SlackTeamId.Value,
        ChannelId = copy.ChannelId.Value,
        Ts = copy.Ts.Value,
        PostId = copy.PostId.Value,
        ThreadTs = copy.ThreadTs.Value,
        copy.Permalink,
        CreatedAt = UnixTime.ToMs(copy.CreatedAt),
        PostedByBot = copy.PostedByBot ? 1 : 0,
    };

    public async Task<IReadOnlyList<SlackMessageCopy>> ListMessageCopiesAsync(CodemarkId codemarkId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<CopyRow>(SelectCopiesOfCodemarkSql, new { CodemarkId = codemarkId.Value }, cancellationToken)
            .ConfigureAwait(false);
        return [.. rows.Select(ToCopy)];
    }

    public async Task<SlackMessageCopy?> FindMessageCopyAsync(
        SlackTeamId slackTeamId, SlackChannelId channelId, SlackTs ts, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<CopyRow>(
            SelectCopySql, new { SlackTeamId = slackTeamId.Value, ChannelId = channelId.Value, Ts = ts.Value }, cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : ToCopy(row);
    }

    public async Task<IReadOnlyList<SlackMessageCopy>> ListMessageCopiesOfPostAsync(PostId postId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<CopyRow>(SelectCopiesOfPostSql, new { PostId = postId.Value }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToCopy)];
    }

    public async Task<bool> TryMarkEditedAsync(SlackMessageCopy message, SlackTs editedTs, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            MarkEditedSql,
            new
            {
                SlackTeamId = message.SlackTeamId.Value,
                ChannelId = message.ChannelId.Value,
                Ts = message.Ts.Value,
                EditUs = editedTs.ToUnixMicroseconds(),
            },
            cancellationToken).ConfigureAwait(false) == 1;

    private static SlackMessageCopy ToCopy(CopyRow row) => new(
        PostId.Parse(row.PostId),
        SlackTeamId.Parse(row.SlackTeamId),
        SlackChannelId.Parse(row.ChannelId),
        SlackTs.Parse(row.Ts),
        SlackTs.Parse(row.ThreadTs),
        row.Permalink,
        UnixTime.FromMs(row.CreatedAt),
        row.PostedByBot != 0);

    private sealed class CopyRow
    {
        public string PostId { get; set; } = string.Empty;

        public string SlackTeamId { get; set; } = string.Empty;

        public string ChannelId { get; set; } = string.Empty;

        public string Ts { get; set; } = string.Empty;

        public string ThreadTs { get; set; } = string.Empty;

        public string? Permalink { get; set; }

        public long CreatedAt { get; set; }

        public long PostedByBot { get; set; }
    }
}
