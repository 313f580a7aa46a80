using CodeStream.Integrations.Application.Slack.Resync;
using Microsoft.Extensions.Configuration;

namespace CodeStream.Integrations.Infrastructure.Slack;

/// <summary>Reads and checks <c>slack:resync</c>; a bad value stops start-up with the key's name.</summary>
public static class SlackResyncConfiguration
{
    public static SlackResyncSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackResyncSettings.SectionName);
        var settings = section.Get<SlackResyncSettings>() ?? new SlackResyncSettings();
        Require(settings.CallsPerMinute is >= 1 and <= 1000, "callsPerMinute", "between 1 and 1000");
        Require(settings.PageSize is >= 1 and <= 1000, "pageSize", "between 1 and 1000");
        Require(settings.Gap > TimeSpan.Zero, "gap", "a positive time span such as 00:02:00");
        Require(settings.Window > TimeSpan.Zero, "window", "a positive time span such as 14.00:00:00");
        return settings;
    }

    private static void Require(bool ok, string key, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Configuration key '{SlackResyncSettings.SectionName}:{key}' must be {what}.");
        }
    }
}
