using System.Diagnostics.Metrics;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>Counts button clicks by link type (reply, web, ide, external).</summary>
internal sealed class SlackInteractivityMetrics
{
    private readonly Counter<long> _clicks;

    public SlackInteractivityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Infrastructure.Observability.IntegrationMetrics.MeterName);
        _clicks = meter.CreateCounter<long>("codestream.slack.button_clicks", description: "Buttons clicked in shared Slack messages");
    }

    public void ButtonClicked(string linkType) => _clicks.Add(1, new KeyValuePair<string, object?>("link_type", linkType));
}
