using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Domain.UnitTests.Posts;

public sealed class PostIdTests
{
    [Theory]
    [InlineData("post_01")]
    [InlineData("post_abcXYZ789")]
    public void Parse_WhenWellFormed_KeepsTheValue(string value)
    {
        var id = PostId.Parse(value);

        Assert.Equal(value, id.Value);
        Assert.Equal(value, id.ToString());
    }

    [Theory]
    [InlineData("post_01")]
    [InlineData("post_abcXYZ789")]
    public void TryParse_WhenWellFormed_ReturnsTrueAndTheId(string value)
    {
        Assert.True(PostId.TryParse(value, out var id));
        Assert.Equal(PostId.Parse(value), id);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_WhenMalformed_ThrowsDomainException(string? value) =>
        Assert.Throws<DomainException>(() => PostId.Parse(value));

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_WhenMalformed_ReturnsFalseAndDefault(string? value)
    {
        Assert.False(PostId.TryParse(value, out var id));
        Assert.Equal(default, id);
        Assert.Null(id.Value);
    }

    [Fact]
    public void Parse_WhenExactly64Characters_Succeeds()
    {
        var value = "post_" + new string('7', PrefixedId.MaxLength - "post_".Length);

        Assert.Equal(value, PostId.Parse(value).Value);
    }

    [Fact]
    public void New_WhenCalled_ReturnsParsableUniqueIds()
    {
        var first = PostId.New(DateTimeOffset.UtcNow);
        var second = PostId.New(DateTimeOffset.UtcNow);

        Assert.Equal(first, PostId.Parse(first.Value));
        Assert.StartsWith("post_", first.Value, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Equality_WhenSameValue_AreEqual() => Assert.Equal(PostId.Parse("post_01"), PostId.Parse("post_01"));

    public static TheoryData<string?> Malformed => new()
    {
        null,
        "",
        "   ",
        "post_",
        "post01",
        "cm_01",
        "POST_01",
        "post_0-1",
        "post_0.1",
        "post_01 ",
        "post_0_1",
        "post_" + new string('a', PrefixedId.MaxLength - "post_".Length + 1),
    };
}
