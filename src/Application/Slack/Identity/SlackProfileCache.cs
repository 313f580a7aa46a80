using System.Collections.Concurrent;
using CodeStream.Integrations.Application.Slack.Common;

namespace CodeStream.Integrations.Application.Slack.Identity;

/// <summary>
/// <c>users.info</c> answers kept briefly (docs/slack-behaviour.md, “Who wrote it”: the method is rate-limited), per workspace and user. Concurrent
/// lookups of the same user share one call.
/// </summary>
internal sealed class SlackProfileCache(ISlackGateway slack, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string Team, string User), (DateTimeOffset At, Lazy<Task<SlackUserProfile>> Profile)> _entries = new();

    public async Task<SlackUserProfile> GetAsync(string slackTeamId, string slackUserId, string botToken, CancellationToken cancellationToken)
    {
        var key = (slackTeamId, slackUserId);
        var now = clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            key,
            _ => (now, Load(slackUserId, botToken)),
            (_, existing) => now - existing.At > Lifetime || existing.Profile.Value.IsFaulted || existing.Profile.Value.IsCanceled
                ? (now, Load(slackUserId, botToken))
                : existing);
        try
        {
            return await entry.Profile.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    private Lazy<Task<SlackUserProfile>> Load(string slackUserId, string botToken) =>
        new(() => slack.GetUserInfoAsync(botToken, slackUserId, CancellationToken.None));
}
