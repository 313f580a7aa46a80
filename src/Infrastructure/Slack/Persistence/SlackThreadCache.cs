using CodeStream.Integrations.Domain.Slack;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Slack.Persistence;

/// <summary>
/// Shared threads by their root message, kept for 30 s: every reply event looks its thread up. A share changes only
/// when its card is deleted in Slack, which removes it here (another host's deletion is seen within 30 s).
/// </summary>
internal sealed class SlackThreadCache(TimeProvider clock) : IDisposable
{
    public LookupCache<(string SlackTeamId, string ChannelId, string Ts), CodemarkShare> Shares { get; } = new(clock, TimeSpan.FromSeconds(30), capacity: 50_000);

    public void Dispose() => Shares.Dispose();
}
