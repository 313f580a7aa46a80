namespace CodeStream.Integrations.Domain.Slack;

/// <summary>A Slack conversation id: public channel <c>C…</c>, private channel or group DM <c>G…</c>, DM <c>D…</c>.</summary>
public readonly record struct SlackChannelId
{
    private const string FirstLetters = "CGD";

    private SlackChannelId(string value) => Value = value;

    public string Value { get; }

    public static SlackChannelId Parse(string? value) => new(SlackId.Require(value, FirstLetters, "channel"));

    public static bool TryParse(string? value, out SlackChannelId id)
    {
        id = SlackId.IsValid(value, FirstLetters) ? new SlackChannelId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
