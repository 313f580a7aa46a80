using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Resync;
using CodeStream.Integrations.Application.Slack.Resync.ResyncGap;
using CodeStream.Integrations.Infrastructure.Slack;
using MediatR;

namespace CodeStream.Integrations.Web.Slack.SocketMode;

/// <summary>
/// Keeps <c>socketModeConnections</c> Socket Mode connections open (docs/socket-mode.md): the first opens at start, the
/// others once it said hello, a second apart, so their lifetimes do not line up. Each slot replaces its connection
/// when Slack asks (<c>disconnect</c>: the replacement is up before the old one closes) or when it drops or stops
/// answering pings (capped, jittered back-off). <c>ratelimited</c> waits its Retry-After; a refused app-level token
/// stops every slot and says so in the health status, without retrying.
/// </summary>
internal sealed partial class SocketModeClient(
    ISlackGateway slack,
    SlackAppOptions options,
    SocketModeStatus status,
    SlackResyncSettings resync,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<SocketModeClient> logger) : BackgroundService
{
    private static readonly TimeSpan Stagger = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _firstUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _refused = new();
    private long _opened;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _refused.Token);
        var slots = Enumerable.Range(0, options.SocketModeConnections).Select(slot => KeepSlotAsync(slot, running.Token));
        await Task.WhenAll(slots);
    }

    /// <summary>A slot that stopped on a bug (logged) starts again after the longest back-off, rather than stop the host.</summary>
    private async Task KeepSlotAsync(int slot, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunSlotAsync(slot, cancellationToken);
            await Task.Delay(SocketModeBackoff.Delay(int.MaxValue), clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunSlotAsync(int slot, CancellationToken cancellationToken)
    {
        SocketModeConnection? current = null;
        try
        {
            if (slot > 0)
            {
                await _firstUp.Task.WaitAsync(cancellationToken);
                await Task.Delay(Stagger * slot, clock, cancellationToken);
            }

            current = await OpenAsync(slot, cancellationToken);
            _firstUp.TrySetResult();
            while (true)
            {
                var first = await Task.WhenAny(current.Ended, current.RefreshRequested).WaitAsync(cancellationToken);
                var old = current;
                if (first == old.RefreshRequested)
                {
                    var reason = await old.RefreshRequested;
                    LogRefresh(logger, old.Name, reason);
                    status.Reconnecting(reason);
                    current = null;
                    try
                    {
                        current = await OpenAsync(slot, cancellationToken);
                    }
                    finally
                    {
                        await old.CloseAsync(current is null ? "stopping" : "replaced");
                    }
                }
                else
                {
                    var reason = await old.Ended;
                    LogDropped(logger, old.Name, reason);
                    status.Reconnecting(Category(reason));
                    current = null;
                    await old.DisposeAsync();
                    await Task.Delay(SocketModeBackoff.Delay(0), clock, cancellationToken);
                    current = await OpenAsync(slot, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping, or the token was refused (already reported).
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A bug, not Slack: say so loudly; KeepSlotAsync starts the slot again.
            LogSlotFailed(logger, slot, exception);
        }
        finally
        {
            if (current is not null)
            {
                await current.CloseAsync("stopping");
            }
        }
    }

    /// <summary>A greeted connection, after as many attempts as it takes; throws only when stopping or refused.</summary>
    private async Task<SocketModeConnection> OpenAsync(int slot, CancellationToken cancellationToken)
    {
        for (var failures = 0; ; failures++)
        {
            TimeSpan wait;
            try
            {
                var url = await slack.OpenSocketModeConnectionAsync(options.AppLevelToken!, cancellationToken);
                var name = $"{slot}#{Interlocked.Increment(ref _opened)}";
                var connection = await SocketModeConnection.OpenAsync(url, name, Settings(), status, logger, cancellationToken);
                LogConnected(logger, name);
                try
                {
                    await ResyncAfterAnOutageAsync(cancellationToken);
                }
                catch
                {
                    await connection.DisposeAsync(); // stopping: the connection goes with the slot
                    throw;
                }

                return connection;
            }
            catch (SlackApiException exception) when (exception.RetryAfter is { } retryAfter)
            {
                wait = retryAfter + SocketModeBackoff.Jitter();
                LogRateLimited(logger, slot, wait.TotalSeconds);
            }
            catch (SlackApiException exception) when (IsRefusal(exception.Error))
            {
                var failure = $"apps.connections.open answered {exception.Error}: Slack refused the app-level token "
                    + $"({options.Section}:appLevelToken); set a valid xapp- token with connections:write and restart";
                status.Failed(failure);
                LogRefused(logger, exception.Error, options.Section);
                await _refused.CancelAsync();
                throw new OperationCanceledException(failure, exception, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                wait = SocketModeBackoff.Delay(failures);
                LogOpenFailed(logger, slot, Describe(exception), wait.TotalSeconds);
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Events sent while no connection was up are lost for good (Slack gives up): read their threads again.</summary>
    private async Task ResyncAfterAnOutageAsync(CancellationToken cancellationToken)
    {
        if (status.TakeOutageStart() is not { } since || clock.GetUtcNow() - since <= resync.Gap)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ResyncGapCommand(since, "socket-mode"), cancellationToken);
            LogOutage(logger, (clock.GetUtcNow() - since).TotalSeconds, run?.Id ?? "(one is already running)");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database may be down with the network: keep the outage for the next connection to try again.
            status.RestoreOutageStart(since);
            LogOutageResyncFailed(logger, exception.GetType().Name);
        }
    }

    private SocketModeConnectionSettings Settings() => new(
        HandleAsync,
        PingInterval: TimeSpan.FromSeconds(options.SocketModePingSeconds),
        HelloTimeout: TimeSpan.FromSeconds(10));

    private async Task<string> HandleAsync(SocketModeMessage envelope, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SocketModeEnvelopeHandler>().HandleAsync(envelope, cancellationToken);
    }

    private static bool IsRefusal(string error) =>
        error is "invalid_auth" or "not_authed" or "token_revoked" or "account_inactive" or "not_allowed_token_type" or "missing_scope";

    private static string Describe(Exception exception) => exception switch
    {
        SlackApiException slackError => "apps.connections.open: " + slackError.Error,
        _ => exception.GetType().Name,
    };

    /// <summary>The reason as a metric tag: a few stable values, not free text.</summary>
    private static string Category(string reason) =>
        reason.StartsWith("no pong", StringComparison.Ordinal) ? "ping_timeout"
        : reason.StartsWith("closed", StringComparison.Ordinal) ? "closed"
        : "dropped";

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning,
        Message = "Socket Mode had no connection for {Seconds:0} s: resync {RunId} reads the shared threads of that gap")]
    private static partial void LogOutage(ILogger logger, double seconds, string runId);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Warning, Message = "Socket Mode: the resync of an outage could not start ({Error}); the next connection tries again")]
    private static partial void LogOutageResyncFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Critical, Message = "Socket Mode slot {Slot} stopped unexpectedly; it starts again in 15–30 s")]
    private static partial void LogSlotFailed(ILogger logger, int slot, Exception exception);

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} is up")]
    private static partial void LogConnected(ILogger logger, string connection);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information,
        Message = "Socket Mode connection {Connection}: Slack asked for a refresh ({Reason}); opening its replacement before closing it")]
    private static partial void LogRefresh(ILogger logger, string connection, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection} lost: {Reason}; reconnecting")]
    private static partial void LogDropped(ILogger logger, string connection, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning,
        Message = "Socket Mode slot {Slot}: opening a connection failed ({Reason}); next attempt in {Seconds:0.0} s")]
    private static partial void LogOpenFailed(ILogger logger, int slot, string reason, double seconds);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Socket Mode slot {Slot}: apps.connections.open is rate limited; next attempt in {Seconds:0.0} s")]
    private static partial void LogRateLimited(ILogger logger, int slot, double seconds);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Error,
        Message = "Socket Mode stopped: apps.connections.open answered {Error}; the app-level token ({Section}:appLevelToken) was refused. No further attempts until restart")]
    private static partial void LogRefused(ILogger logger, string error, string section);
}
