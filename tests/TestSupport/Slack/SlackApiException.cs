using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>Thrown by a method handler to answer <c>{"ok":false,"error":...}</c> (HTTP 200), plus any extra fields.</summary>
internal sealed class SlackApiException : Exception
{
    public SlackApiException(string error, JsonObject? extra = null)
        : base(error)
    {
        Error = error;
        Extra = extra;
    }

    public string Error { get; }

    public JsonObject? Extra { get; }

    public JsonObject ToJson()
    {
        var body = SlackJson.Error(Error);
        if (Extra is not null)
        {
            foreach (var (name, value) in Extra)
            {
                body[name] = value?.DeepClone();
            }
        }

        return body;
    }
}
