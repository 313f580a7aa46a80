namespace CodeStream.Integrations.Domain.Slack;

/// <summary>A Slack workspace id (<c>T…</c>; Enterprise Grid org ids start with <c>E</c>).</summary>
public readonly record struct SlackTeamId
{
    private const string FirstLetters = "TE";

    private SlackTeamId(string value) => Value = value;

    public string Value { get; }

    public static SlackTeamId Parse(string? value) => new(SlackId.Require(value, FirstLetters, "workspace"));

    public static bool TryParse(string? value, out SlackTeamId id)
    {
        id = SlackId.IsValid(value, FirstLetters) ? new SlackTeamId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
