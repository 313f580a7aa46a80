namespace CodeStream.Integrations.Domain.Slack;

/// <summary>A Slack user id (<c>U…</c> or <c>W…</c>; bot users may be <c>B…</c>).</summary>
public readonly record struct SlackUserId
{
    private const string FirstLetters = "UWB";

    private SlackUserId(string value) => Value = value;

    public string Value { get; }

    public static SlackUserId Parse(string? value) => new(SlackId.Require(value, FirstLetters, "user"));

    public static bool TryParse(string? value, out SlackUserId id)
    {
        id = SlackId.IsValid(value, FirstLetters) ? new SlackUserId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
