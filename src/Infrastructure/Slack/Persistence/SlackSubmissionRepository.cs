using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

internal sealed class SlackSubmissionRepository(DbSession session) : ISlackSubmissionRepository
{
    private const string SelectSql = "SELECT post_id FROM slack_modal_submissions WHERE submission_key = @Key";

    private const string InsertSql = """
        INSERT INTO slack_modal_submissions (submission_key, post_id, created_at) VALUES (@Key, @PostId, @At)
        ON CONFLICT DO NOTHING
        """;

    public async Task<PostId?> FindPostAsync(string submissionKey, CancellationToken cancellationToken)
    {
        var postId = await session.QuerySingleOrDefaultAsync<string>(SelectSql, new { Key = submissionKey }, cancellationToken).ConfigureAwait(false);
        return postId is null ? null : PostId.Parse(postId);
    }

    public async Task<bool> TryAddAsync(string submissionKey, PostId postId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(InsertSql, new { Key = submissionKey, PostId = postId.Value, At = UnixTime.ToMs(at) }, cancellationToken)
            .ConfigureAwait(false) == 1;
}
