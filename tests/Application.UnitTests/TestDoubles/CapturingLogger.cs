using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Application.UnitTests.TestDoubles;

/// <summary>Keeps every log entry and scope, with the text they would render, for assertions.</summary>
internal class CapturingLogger : ILogger
{
    private readonly List<LogEntry> _entries = [];
    private readonly List<object> _scopes = [];

    public IReadOnlyList<LogEntry> Entries => _entries;

    public IReadOnlyList<object> Scopes => _scopes;

    /// <summary>Everything a log sink could write: messages, structured values, exceptions and scope states.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var entry in _entries)
        {
            yield return entry.Message;
            if (entry.Exception is not null)
            {
                yield return entry.Exception.ToString();
            }

            foreach (var pair in entry.State)
            {
                yield return $"{pair.Key}={pair.Value}";
            }
        }

        foreach (var scope in _scopes)
        {
            yield return scope.ToString() ?? string.Empty;
            if (scope is IEnumerable<KeyValuePair<string, string?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    yield return $"{pair.Key}={pair.Value}";
                }
            }
            else if (scope is IEnumerable<KeyValuePair<string, object?>> objectPairs)
            {
                foreach (var pair in objectPairs)
                {
                    yield return $"{pair.Key}={pair.Value}";
                }
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        _scopes.Add(state);
        return new Scope();
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        _entries.Add(new LogEntry(logLevel, eventId, formatter(state, exception), exception, [.. values]));
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose()
        {
        }
    }
}

internal sealed class CapturingLogger<T> : CapturingLogger, ILogger<T>;

/// <summary>Hands the same <see cref="CapturingLogger"/> to every category.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public CapturingLogger Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void Dispose()
    {
    }
}

internal sealed record LogEntry(
    LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);
