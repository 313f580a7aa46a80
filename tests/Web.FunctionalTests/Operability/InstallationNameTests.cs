using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeStream.Integrations.TestSupport.Scenarios;
using CodeStream.Integrations.Web.FunctionalTests.SlackEvents;

namespace CodeStream.Integrations.Web.FunctionalTests.Operability;

/// <summary>
/// The Slack block is <c>integrations:slack:&lt;name&gt;</c>, the one <c>integrations:slack:active</c> names
/// (<c>cloud</c> by default, so existing files keep working); and the status call needs no workspace id when the user
/// has connected one.
/// </summary>
public sealed class InstallationNameTests
{
    [Fact]
    public async Task ActiveInstallation_NamedOnPrem_IsTheBlockInUse()
    {
        await using var thread = await SharedThread.StartAsync(slackInstallation: "onprem");
        var ts = thread.WriteInThread(SlackScenario.GraceSlackId, "via the onprem block");
        var eventId = SlackEvent.NewEventId();

        var row = await thread.DeliverAsync(SlackEvent.ThreadReply(eventId, ts, thread.RootTs, text: "via the onprem block"), eventId);

        Assert.Equal("Done", row.State); // the signing secret, the Slack URL and the OAuth app all came from "onprem"
        var setup = await thread.Client.GetStringAsync("/");
        Assert.Contains("integrations:slack:onprem:appSigningSecret", setup, StringComparison.Ordinal);
        Assert.DoesNotContain("integrations:slack:cloud:", setup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithoutAWorkspace_UsesTheOnlyOneConnected_AndAsksToConnectWhenThereIsNone()
    {
        await using var scenario = await SlackScenario.StartAsync();
        var (_, adaId, _) = await scenario.ConnectedCodemarkAsync();

        using (var one = await scenario.Client.PutAsJsonAsync($"/api/v1/users/{adaId}/slack/status", new { text = "Reviewing code" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, one.StatusCode);
        }

        Assert.Equal("Reviewing code", scenario.Slack.UserStatus(SlackScenario.AdaSlackId)!.Text);

        var (_, bobId) = await scenario.CreateTeamWithUserAsync("bob@example.com", "bob");
        using var none = await scenario.Client.PutAsJsonAsync($"/api/v1/users/{bobId}/slack/status", new { text = "Away" });
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Contains("connect Slack", (string)JsonNode.Parse(await none.Content.ReadAsStringAsync())!["detail"]!, StringComparison.OrdinalIgnoreCase);
    }
}
