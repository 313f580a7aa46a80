using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;

namespace CodeStream.Integrations.Domain.UnitTests.Codemarks;

public sealed class CodemarkTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TeamId Team = TeamId.Parse("team_01");
    private static readonly UserId Creator = UserId.Parse("user_01");

    [Fact]
    public void Create_WhenValid_KeepsFieldsAndIsNotEditedOrDeleted()
    {
        var marker = Marker.Create("src/File.cs", null, null, 1, 2, "code", null, DateTimeOffset.UnixEpoch);

        var codemark = Codemark.Create(Team, Creator, CodemarkType.Issue, "  Possible race  ", "Two threads", [marker], Now);

        Assert.StartsWith("cm_", codemark.Id.Value, StringComparison.Ordinal);
        Assert.StartsWith("post_", codemark.PostId.Value, StringComparison.Ordinal);
        Assert.Equal(Team, codemark.TeamId);
        Assert.Equal(Creator, codemark.CreatorId);
        Assert.Equal(CodemarkType.Issue, codemark.Type);
        Assert.Equal("Possible race", codemark.Title);
        Assert.Equal("Two threads", codemark.Text);
        Assert.Equal([marker], codemark.Markers);
        Assert.Equal(Now, codemark.CreatedAt);
        Assert.Null(codemark.EditedAt);
        Assert.Null(codemark.DeletedAt);
        Assert.False(codemark.IsDeleted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WhenTitleIsBlank_StoresNoTitle(string? title) =>
        Assert.Null(Codemark.Create(Team, Creator, CodemarkType.Comment, title, "text", [], Now).Title);

    [Fact]
    public void Create_WhenTextIsNullButTitleGiven_TextIsEmpty() =>
        Assert.Equal(string.Empty, Codemark.Create(Team, Creator, CodemarkType.Issue, "Title", null, [], Now).Text);

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "")]
    [InlineData("  ", "  ")]
    [InlineData("", "\n")]
    public void Create_WhenNeitherTextNorTitle_Throws(string? title, string? text) =>
        Assert.Throws<DomainException>(() => Codemark.Create(Team, Creator, CodemarkType.Comment, title, text, [], Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WhenBookmarkHasNoTitle_Throws(string? title)
    {
        var exception = Assert.Throws<DomainException>(() =>
            Codemark.Create(Team, Creator, CodemarkType.Bookmark, title, "some text", [], Now));

        Assert.Contains("bookmark", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_WhenBookmarkHasTitleOnly_Succeeds()
    {
        var codemark = Codemark.Create(Team, Creator, CodemarkType.Bookmark, "Entry point", null, [], Now);

        Assert.Equal("Entry point", codemark.Title);
        Assert.Equal(string.Empty, codemark.Text);
    }

    [Fact]
    public void Create_WhenTitleTooLong_Throws() =>
        Assert.Throws<DomainException>(() =>
            Codemark.Create(Team, Creator, CodemarkType.Comment, new string('t', Codemark.MaxTitleLength + 1), "text", [], Now));

    [Fact]
    public void Create_WhenTextTooLong_Throws() =>
        Assert.Throws<DomainException>(() =>
            Codemark.Create(Team, Creator, CodemarkType.Comment, null, new string('t', Codemark.MaxTextLength + 1), [], Now));

    [Fact]
    public void Create_WhenMoreThanMaxMarkers_Throws()
    {
        var markers = Enumerable.Range(1, Codemark.MaxMarkers + 1).Select(i => Marker.Create("f.cs", null, null, i, i, null, null, DateTimeOffset.UnixEpoch)).ToList();

        Assert.Throws<DomainException>(() => Codemark.Create(Team, Creator, CodemarkType.Comment, null, "text", markers, Now));
    }

    [Fact]
    public void Create_WhenExactlyMaxMarkers_Succeeds()
    {
        var markers = Enumerable.Range(1, Codemark.MaxMarkers).Select(i => Marker.Create("f.cs", null, null, i, i, null, null, DateTimeOffset.UnixEpoch)).ToList();

        Assert.Equal(Codemark.MaxMarkers, Codemark.Create(Team, Creator, CodemarkType.Comment, null, "text", markers, Now).Markers.Count);
    }

    [Fact]
    public void Edit_WhenValid_ReplacesTitleAndTextAndStampsEditedAt()
    {
        var codemark = Codemark.Create(Team, Creator, CodemarkType.Issue, "Old", "old text", [], Now);
        var later = Now.AddMinutes(5);

        var edited = codemark.Edit(" New ", "new text", later);

        Assert.Equal("New", edited.Title);
        Assert.Equal("new text", edited.Text);
        Assert.Equal(later, edited.EditedAt);
        Assert.Equal(codemark.Id, edited.Id);
        Assert.Equal(codemark.PostId, edited.PostId);
        Assert.Equal(Now, edited.CreatedAt);
        Assert.Equal("Old", codemark.Title);
    }

    [Fact]
    public void Edit_WhenBookmarkLosesItsTitle_Throws()
    {
        var codemark = Codemark.Create(Team, Creator, CodemarkType.Bookmark, "Entry point", null, [], Now);

        Assert.Throws<DomainException>(() => codemark.Edit(null, "text only", Now));
    }

    [Fact]
    public void Edit_WhenNeitherTextNorTitle_Throws()
    {
        var codemark = Codemark.Create(Team, Creator, CodemarkType.Comment, null, "text", [], Now);

        Assert.Throws<DomainException>(() => codemark.Edit(" ", " ", Now));
    }

    [Fact]
    public void Edit_WhenDeleted_Throws()
    {
        var deleted = Codemark.Create(Team, Creator, CodemarkType.Comment, null, "text", [], Now).Delete(Now);

        var exception = Assert.Throws<DomainException>(() => deleted.Edit(null, "new text", Now));
        Assert.Contains(deleted.Id.Value, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_WhenLive_StampsDeletedAt()
    {
        var codemark = Codemark.Create(Team, Creator, CodemarkType.Comment, null, "text", [], Now);
        var later = Now.AddHours(1);

        var deleted = codemark.Delete(later);

        Assert.True(deleted.IsDeleted);
        Assert.Equal(later, deleted.DeletedAt);
        Assert.False(codemark.IsDeleted);
    }

    [Fact]
    public void Delete_WhenAlreadyDeleted_Throws()
    {
        var deleted = Codemark.Create(Team, Creator, CodemarkType.Comment, null, "text", [], Now).Delete(Now);

        Assert.Throws<DomainException>(() => deleted.Delete(Now));
    }

    [Fact]
    public void EnsureNotDeleted_WhenLive_DoesNotThrow() =>
        Codemark.Create(Team, Creator, CodemarkType.Comment, null, "text", [], Now).EnsureNotDeleted();
}
