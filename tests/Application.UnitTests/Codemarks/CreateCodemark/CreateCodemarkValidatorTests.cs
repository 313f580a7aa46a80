using CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.CreateCodemark;

public sealed class CreateCodemarkValidatorTests
{
    private static readonly MarkerInput GoodMarker =
        new("src/File.cs", "acme/app", "abc123", 12, 20, "code", "https://github.com/acme/app/blob/main/src/File.cs#L12");

    private readonly CreateCodemarkValidator _validator = new();

    [Fact]
    public void Validate_WhenComplete_Passes() => ValidationAssert.Valid(_validator.Validate(Command()));

    [Theory]
    [InlineData("comment")]
    [InlineData("Issue")]
    [InlineData("QUESTION")]
    [InlineData("trap")]
    [InlineData("link")]
    public void Validate_WhenTypeKnownInAnyCase_Passes(string type) => ValidationAssert.Valid(_validator.Validate(Command() with { Type = type }));

    [Fact]
    public void Validate_WhenTitleOnly_Passes() =>
        ValidationAssert.Valid(_validator.Validate(Command() with { Text = null, Title = "Possible race" }));

    [Fact]
    public void Validate_WhenBookmarkWithTitle_Passes() =>
        ValidationAssert.Valid(_validator.Validate(Command() with { Type = "bookmark", Title = "Entry point", Text = null }));

    [Fact]
    public void Validate_WhenNoMarkers_Passes() => ValidationAssert.Valid(_validator.Validate(Command() with { Markers = [] }));

    [Fact]
    public void Validate_WhenExactlyMaxMarkers_Passes() =>
        ValidationAssert.Valid(_validator.Validate(Command() with { Markers = [.. Enumerable.Repeat(GoodMarker, 100)] }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user_01")]
    [InlineData("team_")]
    [InlineData("team_0-1")]
    public void Validate_WhenTeamIdNotATeamId_FailsOnTeamId(string? teamId) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { TeamId = teamId }), "TeamId");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("team_01")]
    [InlineData("user_01!")]
    public void Validate_WhenCreatorIdNotAUserId_FailsOnCreatorId(string? creatorId) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { CreatorId = creatorId }), "CreatorId");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("note")]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("Comment|Issue")]
    public void Validate_WhenTypeUnknown_FailsOnTypeListingKnownTypes(string? type)
    {
        var result = _validator.Validate(Command() with { Type = type });

        ValidationAssert.FailsOnlyOn(result, "Type");
        if (type is not (null or ""))
        {
            Assert.Contains("comment, issue, question, bookmark, trap, link", result.Errors[0].ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_WhenTitleTooLong_FailsOnTitle() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { Title = new string('t', 1001) }), "Title");

    [Fact]
    public void Validate_WhenTextTooLong_FailsOnText() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { Text = new string('t', 100_001) }), "Text");

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("  ", "\t")]
    public void Validate_WhenNeitherTextNorTitle_FailsOnText(string? title, string? text) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { Title = title, Text = text }), "Text");

    [Theory]
    [InlineData("bookmark", null)]
    [InlineData("Bookmark", "")]
    public void Validate_WhenBookmarkWithoutTitle_FailsOnTitle(string type, string? title)
    {
        var result = _validator.Validate(Command() with { Type = type, Title = title });

        ValidationAssert.FailsOnlyOn(result, "Title");
        Assert.Contains("bookmark", result.Errors[0].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenMarkersMissing_FailsOnMarkers() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { Markers = null }), "Markers");

    [Fact]
    public void Validate_WhenMoreThanMaxMarkers_FailsOnMarkers() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { Markers = [.. Enumerable.Repeat(GoodMarker, 101)] }), "Markers");

    [Fact]
    public void Validate_WhenAMarkerIsNull_FailsOnThatMarker() =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { Markers = [GoodMarker, null!] }), "Markers[1]");

    public static TheoryData<MarkerInput, string> BadMarkers => new()
    {
        { GoodMarker with { File = null }, "File" },
        { GoodMarker with { File = "" }, "File" },
        { GoodMarker with { File = new string('f', 1025) }, "File" },
        { GoodMarker with { Repo = new string('r', 1025) }, "Repo" },
        { GoodMarker with { CommitHash = new string('a', 65) }, "CommitHash" },
        { GoodMarker with { StartLine = 0, EndLine = 1 }, "StartLine" },
        { GoodMarker with { StartLine = -3, EndLine = 1 }, "StartLine" },
        { GoodMarker with { StartLine = 12, EndLine = 11 }, "EndLine" },
        { GoodMarker with { Code = new string('c', 1_000_001) }, "Code" },
        { GoodMarker with { RemoteCodeUrl = "github.com/acme/app" }, "RemoteCodeUrl" },
        { GoodMarker with { RemoteCodeUrl = "ftp://example.com/file" }, "RemoteCodeUrl" },
        { GoodMarker with { RemoteCodeUrl = "file:///etc/passwd" }, "RemoteCodeUrl" },
        { GoodMarker with { RemoteCodeUrl = "/etc/passwd" }, "RemoteCodeUrl" },
        { GoodMarker with { RemoteCodeUrl = "javascript:alert(1)" }, "RemoteCodeUrl" },
        { GoodMarker with { RemoteCodeUrl = "https://example.com/" + new string('p', 3000) }, "RemoteCodeUrl" },
    };

    [Theory]
    [MemberData(nameof(BadMarkers))]
    public void Validate_WhenAMarkerFieldIsBad_NamesTheMarkerAndField(MarkerInput bad, string field) =>
        ValidationAssert.FailsOnlyOn(_validator.Validate(Command() with { Markers = [GoodMarker, bad] }), $"Markers[1].{field}");

    [Fact]
    public void Validate_WhenMarkerLinesBad_NamesEachMarkerIndex()
    {
        var result = _validator.Validate(Command() with
        {
            Markers = [GoodMarker with { StartLine = 0, EndLine = 0 }, GoodMarker, GoodMarker with { StartLine = 5, EndLine = 4 }],
        });

        ValidationAssert.FailsOnExactly(result, "Markers[0].StartLine", "Markers[2].EndLine");
    }

    [Fact]
    public void Validate_WhenMarkerSpansOneLine_Passes() =>
        ValidationAssert.Valid(_validator.Validate(Command() with { Markers = [GoodMarker with { StartLine = 7, EndLine = 7 }] }));

    [Fact]
    public void Validate_WhenMarkerHasOnlyAFileAndLines_Passes() =>
        ValidationAssert.Valid(_validator.Validate(Command() with { Markers = [new MarkerInput("a.cs", null, null, 1, 1, null, null)] }));

    [Fact]
    public void Validate_WhenManyThingsWrong_ReportsEveryProperty()
    {
        var result = _validator.Validate(new CreateCodemarkCommand(
            "nope", "", "nope", null, null, [GoodMarker with { File = "", StartLine = 0 }]));

        ValidationAssert.FailsOnExactly(result, "TeamId", "CreatorId", "Type", "Text", "Markers[0].File", "Markers[0].StartLine");
    }

    private static CreateCodemarkCommand Command() =>
        new("team_01", "user_01", "issue", "Possible race", "Two threads write here", [GoodMarker]);
}
