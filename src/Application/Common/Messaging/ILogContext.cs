namespace CodeStream.Integrations.Application.Common.Messaging;

/// <summary>
/// The ids a request may log. Requests carry user text, codes and tokens, so the logging behaviour writes only
/// what this returns, never the request itself.
/// </summary>
public interface ILogContext
{
    IReadOnlyDictionary<string, string?> LogIds { get; }
}
