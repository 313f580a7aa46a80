using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

internal sealed class SlackOAuthStateLedger(DbSession session, TimeProvider clock) : ISlackOAuthStateLedger
{
    // A state past its expiry is refused before the ledger is asked, so its row is no longer needed.
    private const string PruneSql = "DELETE FROM slack_oauth_state_uses WHERE expires_at < @Now";

    private const string ConsumeSql = """
        INSERT INTO slack_oauth_state_uses (nonce_hash, expires_at) VALUES (@NonceHash, @ExpiresAt) ON CONFLICT DO NOTHING
        """;

    public async Task<bool> TryConsumeAsync(string browserNonceHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(PruneSql, new { Now = UnixTime.ToMs(clock.GetUtcNow()) }, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(
            ConsumeSql, new { NonceHash = browserNonceHash, ExpiresAt = UnixTime.ToMs(expiresAt) }, cancellationToken).ConfigureAwait(false) == 1;
    }
}
