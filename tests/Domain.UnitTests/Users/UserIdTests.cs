using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.UnitTests.Users;

public sealed class UserIdTests
{
    [Theory]
    [InlineData("user_01")]
    [InlineData("user_abcXYZ789")]
    public void Parse_WhenWellFormed_KeepsTheValue(string value)
    {
        var id = UserId.Parse(value);

        Assert.Equal(value, id.Value);
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("user_01")]
    [InlineData("user_abcXYZ789")]
    public void TryParse_WhenWellFormed_ReturnsTrueAndTheId(string value)
    {
        Assert.True(UserId.TryParse(value, out var id));
        Assert.Equal(UserId.Parse(value), id);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_WhenMalformed_ThrowsDomainException(string? value) =>
        Assert.Throws<DomainException>(() => UserId.Parse(value));

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_WhenMalformed_ReturnsFalseAndDefault(string? value)
    {
        Assert.False(UserId.TryParse(value, out var id));
        Assert.Equal(default, id);
        Assert.Null(id.Value);
    }

    [Fact]
    public void Parse_WhenExactly64Characters_Succeeds()
    {
        var value = "user_" + new string('7', PrefixedId.MaxLength - "user_".Length);

        Assert.Equal(value, UserId.Parse(value).Value);
    }

    [Fact]
    public void New_WhenCalled_ReturnsParsableUniqueIds()
    {
        var first = UserId.New(DateTimeOffset.UtcNow);
        var second = UserId.New(DateTimeOffset.UtcNow);

        Assert.Equal(first, UserId.Parse(first.Value));
        Assert.StartsWith("user_", first.Value, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Equality_WhenSameValue_AreEqual() => Assert.Equal(UserId.Parse("user_01"), UserId.Parse("user_01"));

    public static TheoryData<string?> Malformed => new()
    {
        null,
        "",
        "   ",
        "user_",
        "user01",
        "team_01",
        "USER_01",
        "user_0-1",
        "user_0.1",
        "user_01 ",
        "user_0_1",
        "user_" + new string('a', PrefixedId.MaxLength - "user_".Length + 1),
    };
}
