using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Posts;

public sealed class PostTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserId Author = UserId.Parse("user_02");
    private static readonly FileReference File = new("log.txt", "text/plain", 42, "https://files.slack.com/log.txt");

    private static Codemark NewCodemark() =>
        Codemark.Create(TeamId.Parse("team_01"), UserId.Parse("user_01"), CodemarkType.Comment, null, "text", [], Now);

    [Fact]
    public void CreateReply_WhenTextGiven_HangsUnderTheCodemarkPost()
    {
        var codemark = NewCodemark();
        var mentioned = UserId.Parse("user_03");

        var reply = Post.CreateReply(codemark, Author, "Good catch", SlackPostOrigin.Value, Now, [mentioned]);

        Assert.StartsWith("post_", reply.Id.Value, StringComparison.Ordinal);
        Assert.NotEqual(codemark.PostId, reply.Id);
        Assert.Equal(codemark.TeamId, reply.TeamId);
        Assert.Equal(codemark.Id, reply.CodemarkId);
        Assert.Equal(codemark.PostId, reply.ParentPostId);
        Assert.Equal(Author, reply.CreatorId);
        Assert.Equal("Good catch", reply.Text);
        Assert.Equal(SlackPostOrigin.Value, reply.Origin);
        Assert.Equal(Now, reply.CreatedAt);
        Assert.Null(reply.EditedAt);
        Assert.Null(reply.DeletedAt);
        Assert.Equal([mentioned], reply.MentionedUserIds);
        Assert.Empty(reply.Files);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CreateReply_WhenNoTextAndNoFiles_Throws(string? text) =>
        Assert.Throws<DomainException>(() => Post.CreateReply(NewCodemark(), Author, text, PostOrigin.CodeStream, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void CreateReply_WhenNoTextAndEmptyFileList_Throws(string? text) =>
        Assert.Throws<DomainException>(() => Post.CreateReply(NewCodemark(), Author, text, SlackPostOrigin.Value, Now, files: []));

    [Fact]
    public void CreateReply_WhenNoTextButFileAttached_HasEmptyTextAndTheFile()
    {
        var reply = Post.CreateReply(NewCodemark(), Author, null, SlackPostOrigin.Value, Now, files: [File]);

        Assert.Equal(string.Empty, reply.Text);
        Assert.Equal([File], reply.Files);
        Assert.Empty(reply.MentionedUserIds);
    }

    [Fact]
    public void CreateReply_WhenTextTooLong_Throws() =>
        Assert.Throws<DomainException>(() =>
            Post.CreateReply(NewCodemark(), Author, new string('x', Post.MaxTextLength + 1), PostOrigin.CodeStream, Now));

    [Fact]
    public void CreateReply_WhenTextTooLongWithFile_Throws() =>
        Assert.Throws<DomainException>(() =>
            Post.CreateReply(NewCodemark(), Author, new string('x', Post.MaxTextLength + 1), SlackPostOrigin.Value, Now, files: [File]));

    [Fact]
    public void CreateReply_WhenCodemarkDeleted_Throws() =>
        Assert.Throws<DomainException>(() =>
            Post.CreateReply(NewCodemark().Delete(Now), Author, "late", PostOrigin.CodeStream, Now));

    [Fact]
    public void Edit_WhenTextChanged_ReturnsEditedReply()
    {
        var reply = Post.CreateReply(NewCodemark(), Author, "Thanks!", PostOrigin.CodeStream, Now);
        var later = Now.AddMinutes(1);

        var edited = reply.Edit("Thanks, Grace!", later);

        Assert.NotNull(edited);
        Assert.Equal("Thanks, Grace!", edited.Text);
        Assert.Equal(later, edited.EditedAt);
        Assert.Equal(reply.Id, edited.Id);
        Assert.Equal("Thanks!", reply.Text);
    }

    [Fact]
    public void Edit_WhenTextUnchanged_ReturnsNull()
    {
        var reply = Post.CreateReply(NewCodemark(), Author, "Thanks!", PostOrigin.CodeStream, Now);

        Assert.Null(reply.Edit("Thanks!", Now.AddMinutes(1)));
    }

    [Fact]
    public void Edit_WhenOnlyCaseChanged_ReturnsEditedReply()
    {
        var reply = Post.CreateReply(NewCodemark(), Author, "thanks", PostOrigin.CodeStream, Now);

        Assert.Equal("Thanks", reply.Edit("Thanks", Now)?.Text);
    }

    [Fact]
    public void Edit_WhenMentionsGiven_ReplacesThem()
    {
        var reply = Post.CreateReply(NewCodemark(), Author, "hi", PostOrigin.CodeStream, Now, [UserId.Parse("user_03")]);
        var mentioned = UserId.Parse("user_04");

        Assert.Equal([mentioned], reply.Edit("hi there", Now, [mentioned])?.MentionedUserIds);
    }

    [Fact]
    public void Edit_WhenMentionsOmitted_KeepsThem()
    {
        var mentioned = UserId.Parse("user_03");
        var reply = Post.CreateReply(NewCodemark(), Author, "hi", PostOrigin.CodeStream, Now, [mentioned]);

        Assert.Equal([mentioned], reply.Edit("hi there", Now)?.MentionedUserIds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Edit_WhenTextBlank_Throws(string? text)
    {
        var reply = Post.CreateReply(NewCodemark(), Author, "hi", PostOrigin.CodeStream, Now);

        Assert.Throws<DomainException>(() => reply.Edit(text, Now));
    }

    [Fact]
    public void Edit_WhenDeleted_Throws()
    {
        var deleted = Post.CreateReply(NewCodemark(), Author, "hi", PostOrigin.CodeStream, Now).Delete(Now);

        Assert.Throws<DomainException>(() => deleted.Edit("hello", Now));
    }

    [Fact]
    public void Delete_WhenLive_StampsDeletedAt()
    {
        var reply = Post.CreateReply(NewCodemark(), Author, "hi", PostOrigin.CodeStream, Now);
        var later = Now.AddHours(1);

        var deleted = reply.Delete(later);

        Assert.True(deleted.IsDeleted);
        Assert.Equal(later, deleted.DeletedAt);
        Assert.False(reply.IsDeleted);
    }

    [Fact]
    public void Delete_WhenCalledTwice_Throws()
    {
        var deleted = Post.CreateReply(NewCodemark(), Author, "hi", PostOrigin.CodeStream, Now).Delete(Now);

        var exception = Assert.Throws<DomainException>(() => deleted.Delete(Now));
        Assert.Contains(deleted.Id.Value, exception.Message, StringComparison.Ordinal);
    }
}
