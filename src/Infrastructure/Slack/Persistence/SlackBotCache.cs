using System.Collections.Concurrent;
using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

/// <summary>
/// Bot installations as read and decrypted, kept for 30 s: every event of a workspace needs its bot, and reading it
/// costs a query and a decryption. A change of a workspace's bots in this process (install, revocation) makes its
/// entries stale at once (a new generation in the key); another host's change is seen when they expire, and a token
/// it revoked meanwhile is refused by Slack, which this integration already handles.
/// </summary>
internal sealed class SlackBotCache(TimeProvider clock) : IDisposable
{
    private readonly LookupCache<(string TeamId, string SlackTeamId, long Generation), SlackBotInstallation> _bots =
        new(clock, TimeSpan.FromSeconds(30), capacity: 10_000);

    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public Task<SlackBotInstallation?> GetOrLoadAsync(string teamId, string slackTeamId, Func<Task<SlackBotInstallation?>> load) =>
        _bots.GetOrLoadAsync((teamId, slackTeamId, _generations.GetValueOrDefault(slackTeamId)), load);

    public void Invalidate(string slackTeamId)
    {
        _generations.AddOrUpdate(slackTeamId, 1, (_, generation) => generation + 1);
        _bots.Changed();
    }

    public void Dispose() => _bots.Dispose();
}
