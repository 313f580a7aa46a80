using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Domain.UnitTests.Teams;

public sealed class TeamIdTests
{
    [Theory]
    [InlineData("team_01")]
    [InlineData("team_abcXYZ789")]
    public void Parse_WhenWellFormed_KeepsTheValue(string value)
    {
        var id = TeamId.Parse(value);

        Assert.Equal(value, id.Value);
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("team_01")]
    [InlineData("team_abcXYZ789")]
    public void TryParse_WhenWellFormed_ReturnsTrueAndTheId(string value)
    {
        Assert.True(TeamId.TryParse(value, out var id));
        Assert.Equal(TeamId.Parse(value), id);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_WhenMalformed_ThrowsDomainException(string? value) =>
        Assert.Throws<DomainException>(() => TeamId.Parse(value));

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_WhenMalformed_ReturnsFalseAndDefault(string? value)
    {
        Assert.False(TeamId.TryParse(value, out var id));
        Assert.Equal(default, id);
        Assert.Null(id.Value);
    }

    [Fact]
    public void Parse_WhenExactly64Characters_Succeeds()
    {
        var value = "team_" + new string('7', PrefixedId.MaxLength - "team_".Length);

        Assert.Equal(value, TeamId.Parse(value).Value);
    }

    [Fact]
    public void New_WhenCalled_ReturnsParsableUniqueIds()
    {
        var first = TeamId.New(DateTimeOffset.UtcNow);
        var second = TeamId.New(DateTimeOffset.UtcNow);

        Assert.Equal(first, TeamId.Parse(first.Value));
        Assert.StartsWith("team_", first.Value, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Equality_WhenSameValue_AreEqual() => Assert.Equal(TeamId.Parse("team_01"), TeamId.Parse("team_01"));

    public static TheoryData<string?> Malformed => new()
    {
        null,
        "",
        "   ",
        "team_",
        "team01",
        "user_01",
        "TEAM_01",
        "team_0-1",
        "team_0.1",
        "team_01 ",
        "team_0_1",
        "team_" + new string('a', PrefixedId.MaxLength - "team_".Length + 1),
    };
}
