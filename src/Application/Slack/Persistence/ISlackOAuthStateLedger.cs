namespace CodeStream.Integrations.Application.Slack.Persistence;

/// <summary>Remembers every OAuth state the callback consumed, so each is used once (a unique key in the database).</summary>
public interface ISlackOAuthStateLedger
{
    /// <summary><c>true</c> the first time this state's nonce hash is presented; <c>false</c> on every replay.</summary>
    Task<bool> TryConsumeAsync(string browserNonceHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
