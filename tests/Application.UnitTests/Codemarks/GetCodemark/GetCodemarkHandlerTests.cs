using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.GetCodemark;

public sealed class GetCodemarkHandlerTests
{
    private static readonly UserId Ada = UserId.Parse("user_01");
    private static readonly UserId Grace = UserId.Parse("user_02");

    private readonly ICodemarkRepository _codemarks = Substitute.For<ICodemarkRepository>();
    private readonly IReplyRepository _replies = Substitute.For<IReplyRepository>();
    private readonly ISlackShareRepository _shares = Substitute.For<ISlackShareRepository>();
    private readonly IReactionRepository _reactions = Substitute.For<IReactionRepository>();
    private readonly Codemark _codemark = Given.NewCodemark(TeamId.Parse("team_01"), Ada);
    private readonly GetCodemarkHandler _handler;

    public GetCodemarkHandlerTests()
    {
        _codemarks.GetAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns(_codemark);
        _shares.ListSharesAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns(Array.Empty<CodemarkShare>());
        _shares.ListMessageCopiesAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns(Array.Empty<SlackMessageCopy>());
        _replies.ListByCodemarkAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns(Array.Empty<Post>());
        _reactions.ListForCodemarkAsync(_codemark, Arg.Any<CancellationToken>()).Returns(Array.Empty<PostReaction>());
        _handler = new GetCodemarkHandler(_codemarks, _replies, _reactions, [new Application.Slack.Sharing.SlackCopies(_shares)]);
    }

    [Fact]
    public async Task Handle_WhenNothingShared_ReturnsCodemarkWithEmptyListsAndMarkers()
    {
        var dto = await _handler.Handle(new GetCodemarkQuery(_codemark.Id.Value), CancellationToken.None);

        Assert.Equal(_codemark.Id.Value, dto.Id);
        Assert.Equal(_codemark.PostId.Value, dto.PostId);
        Assert.Equal("issue", dto.Type);
        Assert.Equal("Possible race", dto.Title);
        Assert.False(dto.Deleted);
        Assert.Empty(dto.SharedTo);
        Assert.Empty(dto.Replies);
        var marker = Assert.Single(dto.Markers);
        Assert.Equal(_codemark.Markers[0].Id.Value, marker.Id);
        Assert.Equal((12, 20), (marker.StartLine, marker.EndLine));
    }

    [Fact]
    public async Task Handle_WhenShared_AssemblesSharedToFromShares()
    {
        var live = Given.Share(_codemark, "C012AB3C4", "1763889000.000100");
        var gone = Given.Share(_codemark, "G012AB3C4", "1763889100.000200", deletedInSlackAt: Given.Now);
        _shares.ListSharesAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns([live, gone]);

        var dto = await _handler.Handle(new GetCodemarkQuery(_codemark.Id.Value), CancellationToken.None);

        Assert.Equal(2, dto.SharedTo.Count);
        var first = dto.SharedTo[0];
        Assert.Equal("slack*com", first.ProviderId);
        Assert.Equal("T012AB3C4", first.TeamId);
        Assert.Equal("Acme Slack", first.TeamName);
        Assert.Equal("C012AB3C4", first.ChannelId);
        Assert.Equal("general", first.ChannelName);
        Assert.Equal("1763889000.000100", first.PostId);
        Assert.Equal(live.Permalink, first.Url);
        Assert.False(first.Deleted);
        Assert.Equal("G012AB3C4", dto.SharedTo[1].ChannelId);
        Assert.True(dto.SharedTo[1].Deleted);
    }

    [Fact]
    public async Task Handle_WhenRepliesHaveSlackCopies_AttachesEachReplysOwnCopies()
    {
        var first = Given.Reply(_codemark, Grace, "Good catch", SlackPostOrigin.Value);
        var second = Given.Reply(_codemark, Ada, "Thanks!");
        var third = Given.Reply(_codemark, Grace, "Fixed in main");
        var firstCopy = Given.Copy(first, "C012AB3C4", "1763889001.000100", "1763889000.000100");
        var secondCopyA = Given.Copy(second, "C012AB3C4", "1763889002.000100", "1763889000.000100");
        var secondCopyB = Given.Copy(second, "D012AB3C4", "1763889003.000100", "1763889000.000300");
        _replies.ListByCodemarkAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns([first, second, third]);
        _shares.ListMessageCopiesAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns([secondCopyB, firstCopy, secondCopyA]);

        var dto = await _handler.Handle(new GetCodemarkQuery(_codemark.Id.Value), CancellationToken.None);

        Assert.Equal([first.Id.Value, second.Id.Value, third.Id.Value], dto.Replies.Select(r => r.Id));
        var firstShared = Assert.Single(dto.Replies[0].SharedTo);
        Assert.Equal("1763889001.000100", firstShared.PostId);
        Assert.Equal("C012AB3C4", firstShared.ChannelId);
        Assert.Equal("T012AB3C4", firstShared.TeamId);
        Assert.Equal("slack*com", firstShared.ProviderId);
        Assert.Equal(firstCopy.Permalink, firstShared.Url);
        Assert.False(firstShared.Deleted);
        Assert.Equal(["1763889003.000100", "1763889002.000100"], dto.Replies[1].SharedTo.Select(s => s.PostId));
        Assert.Empty(dto.Replies[2].SharedTo);
        Assert.Equal("Slack", dto.Replies[0].Origin);
        Assert.Equal("CodeStream", dto.Replies[1].Origin);
        Assert.All(dto.Replies, r => Assert.Equal(_codemark.PostId.Value, r.ParentPostId));
        Assert.All(dto.Replies, r => Assert.Equal(_codemark.Id.Value, r.CodemarkId));
    }

    [Fact]
    public async Task Handle_WhenReplyDeleted_ReturnsItFlaggedWithoutText()
    {
        var deleted = Given.Reply(_codemark, Grace, "oops, secret").Delete(Given.Now);
        _replies.ListByCodemarkAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns([deleted]);

        var dto = await _handler.Handle(new GetCodemarkQuery(_codemark.Id.Value), CancellationToken.None);

        var reply = Assert.Single(dto.Replies);
        Assert.True(reply.Deleted);
        Assert.Equal(string.Empty, reply.Text);
    }

    [Fact]
    public async Task Handle_WhenCodemarkDeleted_ReturnsItFlaggedDeleted()
    {
        var deleted = _codemark.Delete(Given.Now);
        _codemarks.GetAsync(deleted.Id, Arg.Any<CancellationToken>()).Returns(deleted);

        var dto = await _handler.Handle(new GetCodemarkQuery(deleted.Id.Value), CancellationToken.None);

        Assert.True(dto.Deleted);
    }

    [Fact]
    public async Task Handle_WhenCodemarkUnknown_ThrowsNotFoundExceptionWithoutReadingTheRest()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new GetCodemarkQuery("cm_unknown"), CancellationToken.None));

        Assert.Equal("Codemark", exception.Resource);
        Assert.Equal("cm_unknown", exception.Id);
        Assert.Empty(_shares.ReceivedCalls());
        Assert.Empty(_replies.ReceivedCalls());
    }
}
