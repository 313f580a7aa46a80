using System.Data.Common;
using CodeStream.Integrations.Infrastructure;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.LoadGenerator;

/// <summary>
/// After a run, reads from the host's own database when each acknowledged event was stored (<c>created_at</c>) and
/// when its processing was recorded (<c>updated_at</c>, once its reply committed): how fast replies were created,
/// and how long each event took from acknowledgement to stored reply.
/// </summary>
internal static class WorkTimeline
{
    /// <param name="since">Only events acknowledged from this Unix time in ms on (after a warm-up); 0 for all.</param>
    public static async Task ReportAsync(string provider, string connectionString, long since = 0)
    {
        var factory = DependencyInjection.CreateConnectionFactory(new StorageOptions { Provider = provider, ConnectionString = connectionString });
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT created_at, updated_at FROM work_items WHERE kind = 'slack-event' AND state = 'Done' AND created_at >= @since";
        var sinceParameter = command.CreateParameter();
        sinceParameter.ParameterName = "since";
        sinceParameter.Value = since;
        command.Parameters.Add(sinceParameter);
        var items = new List<(long Created, long Finished)>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                items.Add((Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (items.Count == 0)
        {
            Console.WriteLine("no replies created");
            return;
        }

        var first = items.Min(i => i.Created);
        var last = items.Max(i => i.Finished);
        var perSecond = items.GroupBy(i => (i.Finished - first) / 1000).Select(g => g.Count()).OrderByDescending(n => n).ToList();
        var latencies = new Latencies();
        foreach (var (created, finished) in items)
        {
            latencies.Add(finished - created);
        }

        Console.WriteLine(
            $"replies: {items.Count} created in {(last - first) / 1000.0:0.0} s from the first acknowledgement = {items.Count * 1000.0 / Math.Max(1, last - first):0}/s; " +
            $"best second {perSecond[0]}/s, median second {perSecond[perSecond.Count / 2]}/s");
        Console.WriteLine(
            $"acknowledged → reply stored: p50 {latencies.Percentile(50):0} ms, p99 {latencies.Percentile(99):0} ms, max {latencies.Percentile(100):0} ms");
    }
}
