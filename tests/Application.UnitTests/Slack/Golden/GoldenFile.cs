using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Application.UnitTests.Slack.Golden;

/// <summary>
/// Expected Block Kit JSON kept in <c>Slack/Golden/*.json</c>, compared structurally. The files are found next to the
/// test binaries when copied there, else by walking up to the project folder (or wherever <c>SLACK_GOLDEN_DIR</c> says).
/// Set <c>UPDATE_GOLDEN=1</c> to rewrite them.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actualJson)
    {
        var actual = JsonNode.Parse(actualJson);
        var path = Path.Combine(Folder(), name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual!.ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }) + "\n");
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing (run with UPDATE_GOLDEN=1 to create it)");
        var expected = JsonNode.Parse(File.ReadAllText(path));
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{name}.json differs.\nExpected:\n{expected?.ToJsonString()}\nActual:\n{actual?.ToJsonString()}");
    }

    private static string Folder()
    {
        if (Environment.GetEnvironmentVariable("SLACK_GOLDEN_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Slack", "Golden");
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.json").Any())
            {
                return candidate;
            }

            var inProject = Path.Combine(directory.FullName, "tests", "Application.UnitTests", "Slack", "Golden");
            if (Directory.Exists(inProject))
            {
                return inProject;
            }
        }

        throw new DirectoryNotFoundException($"Slack/Golden not found above {AppContext.BaseDirectory}");
    }
}
