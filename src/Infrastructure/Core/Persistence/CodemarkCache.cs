using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Core.Persistence;

/// <summary>
/// Codemarks that replies from Slack or Teams are being added to, kept for 5 s: a busy thread reads its codemark for
/// every reply. Short, because a codemark, unlike a shared thread, is edited and deleted in CodeStream, possibly through
/// another host; few, because only the ones with replies arriving right now are worth keeping.
/// </summary>
internal sealed class CodemarkCache(TimeProvider clock) : IDisposable
{
    public LookupCache<string, Codemark> Codemarks { get; } = new(clock, TimeSpan.FromSeconds(5), capacity: 1_000);

    public void Dispose() => Codemarks.Dispose();
}
