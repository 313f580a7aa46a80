using CodeStream.Integrations.Web;
using CodeStream.Integrations.Web.Hosting;
using CodeStream.Integrations.Web.Slack;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run --project src/Web -- slack-manifest` prints the Slack app manifest for this configuration and exits.
if (args.Contains("slack-manifest"))
{
    Console.WriteLine(SlackAppManifest.ToJson(SlackAppManifest.Build(builder.Configuration)));
    return;
}

builder.Services.AddCodeStreamSlackIntegration(builder.Configuration);
if (builder.Configuration.GetValue(IdleMemoryTrim.EnabledKey, defaultValue: true))
{
    builder.Services.AddHostedService<IdleMemoryTrim>(); // the standalone host's own process: an embedding host keeps its GC to itself
}

var app = builder.Build();
app.MapCodeStreamSlackEndpoints();
app.Run();
