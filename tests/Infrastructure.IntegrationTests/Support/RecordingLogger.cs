using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Support;

/// <summary>Keeps every log entry, to assert what a component reported.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(EventId EventId, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(EventId EventId, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((eventId, logLevel, formatter(state, exception)));
        }
    }
}
