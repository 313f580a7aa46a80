using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>One log entry as any sink would see it: the formatted message, the structured values, the exception and every scope.</summary>
internal sealed record CapturedLog(
    string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<string> Values, string? Exception, IReadOnlyList<string> Scopes)
{
    /// <summary>Everything of the entry a log store would keep, as one text to search.</summary>
    public string AllText
    {
        get
        {
            var text = new StringBuilder()
                .Append(Category).Append(' ').Append(EventId.Name).Append(' ').Append(Message).AppendLine();
            foreach (var value in Values)
            {
                text.AppendLine(value);
            }

            if (Exception is not null)
            {
                text.AppendLine(Exception);
            }

            foreach (var scope in Scopes)
            {
                text.AppendLine(scope);
            }

            return text.ToString();
        }
    }

    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message}";
}

/// <summary>
/// A logger provider that keeps every entry at every level, with the state's values and the scopes around it (it takes
/// the host's scope provider, as the console and OpenTelemetry providers do).
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Describe(object? state)
    {
        if (state is null)
        {
            yield break;
        }

        yield return Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty;
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                yield return $"{key}={Convert.ToString(value, CultureInfo.InvariantCulture)}";
            }
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeTexts = new List<string>();
            provider._scopes.ForEachScope((scope, list) => list.AddRange(Describe(scope)), scopeTexts);
            provider._entries.Enqueue(new CapturedLog(
                category, logLevel, eventId, formatter(state, exception), [.. Describe(state)], exception?.ToString(), scopeTexts));
        }
    }
}
