using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Changes;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Replies.AddReply;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Replies.AddReply;

public sealed class AddReplyHandlerTests
{
    private readonly IMediator _mediator = Substitute.For<IMediator>();
    private readonly ICodemarkRepository _codemarks = Substitute.For<ICodemarkRepository>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IReplyRepository _replies = Substitute.For<IReplyRepository>();
    private readonly Team _team = Given.NewTeam();
    private readonly User _author;
    private readonly Codemark _codemark;
    private readonly AddReplyHandler _handler;

    public AddReplyHandlerTests()
    {
        _author = Given.RegisteredUser(_team.Id, "grace@example.com", "grace");
        _codemark = Given.NewCodemark(_team.Id, UserId.Parse("user_01"));
        _codemarks.GetAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns(_codemark);
        _users.GetAsync(_author.Id, Arg.Any<CancellationToken>()).Returns(_author);
        _handler = new AddReplyHandler(_codemarks, _users, _replies, _mediator, Given.Clock());
    }

    [Fact]
    public async Task Handle_WhenValid_AddsCodeStreamReplyUnderTheCodemark()
    {
        var dto = await _handler.Handle(new AddReplyCommand(_codemark.Id.Value, _author.Id.Value, "Good catch"), CancellationToken.None);

        await _replies.Received(1).AddAsync(
            Arg.Is<Post>(p => p.Id.Value == dto.Id && p.CodemarkId == _codemark.Id && p.ParentPostId == _codemark.PostId
                && p.TeamId == _team.Id && p.CreatorId == _author.Id && p.Text == "Good catch"
                && p.Origin == PostOrigin.CodeStream && p.CreatedAt == Given.Now),
            Arg.Any<CancellationToken>());
        Assert.StartsWith("post_", dto.Id, StringComparison.Ordinal);
        Assert.Equal(_codemark.Id.Value, dto.CodemarkId);
        Assert.Equal(_codemark.PostId.Value, dto.ParentPostId);
        Assert.Equal("Good catch", dto.Text);
        Assert.Equal(_author.Id.Value, dto.CreatorId);
        Assert.Equal("CodeStream", dto.Origin);
        Assert.Equal(Given.Now, dto.CreatedAt);
        Assert.Null(dto.EditedAt);
        Assert.False(dto.Deleted);
        Assert.Empty(dto.MentionedUserIds);
        Assert.Empty(dto.Files);
        Assert.Empty(dto.SharedTo);
    }

    [Fact]
    public async Task Handle_WhenValid_PublishesThatTheReplyWasAdded()
    {
        var dto = await _handler.Handle(new AddReplyCommand(_codemark.Id.Value, _author.Id.Value, "Good catch"), CancellationToken.None);

        await _mediator.Received(1).Publish(
            Arg.Is<ReplyChanged>(c => c.Reply.Id.Value == dto.Id && c.Change == DiscussionChange.Added && c.At == Given.Now),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenCodemarkUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new AddReplyCommand("cm_unknown", _author.Id.Value, "hi"), CancellationToken.None));

        Assert.Equal("Codemark", exception.Resource);
        await _replies.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenCodemarkDeleted_ThrowsNotFoundException()
    {
        var deleted = _codemark.Delete(Given.Now);
        _codemarks.GetAsync(deleted.Id, Arg.Any<CancellationToken>()).Returns(deleted);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new AddReplyCommand(deleted.Id.Value, _author.Id.Value, "hi"), CancellationToken.None));

        Assert.Equal("Codemark", exception.Resource);
        await _replies.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAuthorUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new AddReplyCommand(_codemark.Id.Value, "user_unknown", "hi"), CancellationToken.None));

        Assert.Equal("User", exception.Resource);
        Assert.Equal("user_unknown", exception.Id);
        await _replies.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAuthorBelongsToAnotherTeam_ThrowsForbiddenException()
    {
        var outsider = Given.RegisteredUser(TeamId.Parse("team_other"), "eve@example.com", "eve");
        _users.GetAsync(outsider.Id, Arg.Any<CancellationToken>()).Returns(outsider);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _handler.Handle(new AddReplyCommand(_codemark.Id.Value, outsider.Id.Value, "hi"), CancellationToken.None));

        await _replies.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenAuthorIsFaux_ThrowsForbiddenException()
    {
        var faux = Given.FauxUser(_team.Id);
        _users.GetAsync(faux.Id, Arg.Any<CancellationToken>()).Returns(faux);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _handler.Handle(new AddReplyCommand(_codemark.Id.Value, faux.Id.Value, "hi"), CancellationToken.None));

        await _replies.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenTextBlank_ThrowsDomainException()
    {
        await Assert.ThrowsAsync<DomainException>(() =>
            _handler.Handle(new AddReplyCommand(_codemark.Id.Value, _author.Id.Value, "  "), CancellationToken.None));

        await _replies.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }
}
