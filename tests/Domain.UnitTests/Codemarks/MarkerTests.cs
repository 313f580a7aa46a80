using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Domain.UnitTests.Codemarks;

public sealed class MarkerTests
{
    [Fact]
    public void Create_WhenValid_KeepsEveryField()
    {
        var marker = Marker.Create(
            "src/File.cs", "acme/app", "abc123", 12, 20, "var x = 1;", "https://github.com/acme/app/blob/main/src/File.cs#L12", DateTimeOffset.UnixEpoch);

        Assert.StartsWith("mk_", marker.Id.Value, StringComparison.Ordinal);
        Assert.Equal("src/File.cs", marker.File);
        Assert.Equal("acme/app", marker.Repo);
        Assert.Equal("abc123", marker.CommitHash);
        Assert.Equal(12, marker.StartLine);
        Assert.Equal(20, marker.EndLine);
        Assert.Equal("var x = 1;", marker.Code);
        Assert.Equal("https://github.com/acme/app/blob/main/src/File.cs#L12", marker.RemoteCodeUrl);
    }

    [Fact]
    public void Create_WhenOptionalPartsMissing_CodeIsEmpty()
    {
        var marker = Marker.Create("src/File.cs", null, null, 1, 1, null, null, DateTimeOffset.UnixEpoch);

        Assert.Equal(string.Empty, marker.Code);
        Assert.Null(marker.Repo);
        Assert.Null(marker.CommitHash);
        Assert.Null(marker.RemoteCodeUrl);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 5)]
    [InlineData(int.MinValue, 1)]
    public void Create_WhenStartLineBelowOne_Throws(int startLine, int endLine) =>
        Assert.Throws<DomainException>(() => Marker.Create("f.cs", null, null, startLine, endLine, null, null, DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData(12, 11)]
    [InlineData(2, 1)]
    [InlineData(5, 0)]
    public void Create_WhenEndLineBeforeStartLine_Throws(int startLine, int endLine) =>
        Assert.Throws<DomainException>(() => Marker.Create("f.cs", null, null, startLine, endLine, null, null, DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Create_WhenFileIsBlank_Throws(string? file) =>
        Assert.Throws<DomainException>(() => Marker.Create(file!, null, null, 1, 1, null, null, DateTimeOffset.UnixEpoch));

    [Fact]
    public void Create_WhenFileIsTooLong_Throws() =>
        Assert.Throws<DomainException>(() => Marker.Create(new string('f', Marker.MaxFileLength + 1), null, null, 1, 1, null, null, DateTimeOffset.UnixEpoch));

    [Fact]
    public void Create_WhenCommitHashIsLongerThan64_Throws() =>
        Assert.Throws<DomainException>(() => Marker.Create("f.cs", null, new string('a', 65), 1, 1, null, null, DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData("not a url")]
    [InlineData("github.com/acme/app")]
    [InlineData("")]
    public void Create_WhenRemoteCodeUrlIsNotAbsolute_Throws(string url) =>
        Assert.Throws<DomainException>(() => Marker.Create("f.cs", null, null, 1, 1, null, url, DateTimeOffset.UnixEpoch));

    [Fact]
    public void LinesLabel_WhenOneLine_IsSingular() =>
        Assert.Equal("Line 12", Marker.Create("f.cs", null, null, 12, 12, null, null, DateTimeOffset.UnixEpoch).LinesLabel);

    [Fact]
    public void LinesLabel_WhenRange_IsPluralWithBothEnds() =>
        Assert.Equal("Lines 12-20", Marker.Create("f.cs", null, null, 12, 20, null, null, DateTimeOffset.UnixEpoch).LinesLabel);
}
