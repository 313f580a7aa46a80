namespace CodeStream.Integrations.Application.Slack.Common;

/// <summary>The rules bot and user tokens share (<see cref="SlackBotTokens"/>, <see cref="SlackTokenService"/>): when to renew, and how.</summary>
internal static class SlackTokenRotation
{
    /// <summary>
    /// Renew when the expiry is within the margin (<paramref name="dueByExpiry"/>), when rotation is on and the token is
    /// long-lived, or when Slack called a rotating token expired before its time.
    /// </summary>
    public static bool MustRenew(bool dueByExpiry, string token, string? refreshToken, SlackSettings settings, SlackExpiredTokens expired) =>
        dueByExpiry
        || (settings.TokenRotation && refreshToken is null)
        || (refreshToken is not null && expired.IsExpired(token));

    /// <summary>
    /// Refreshes a rotating token, or exchanges a long-lived one. Uncancelled: once Slack has rotated, the old refresh
    /// token is spent and the new one must be kept.
    /// </summary>
    public static Task<SlackRefreshedToken> RenewAsync(ISlackGateway slack, string token, string? refreshToken) =>
        refreshToken is { } refresh
            ? slack.RefreshTokenAsync(refresh, CancellationToken.None)
            : slack.ExchangeTokenAsync(token, CancellationToken.None);
}
