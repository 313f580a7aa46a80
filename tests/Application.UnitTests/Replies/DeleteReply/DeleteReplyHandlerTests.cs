using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Replies.DeleteReply;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Replies.DeleteReply;

public sealed class DeleteReplyHandlerTests
{
    private readonly IMediator _mediator = Substitute.For<IMediator>();
    private readonly IReplyRepository _replies = Substitute.For<IReplyRepository>();
    private readonly Post _reply;
    private readonly DeleteReplyHandler _handler;

    public DeleteReplyHandlerTests()
    {
        var codemark = Given.NewCodemark(TeamId.Parse("team_01"), UserId.Parse("user_01"));
        _reply = Given.Reply(codemark, UserId.Parse("user_02"), "Thanks!");
        _replies.GetAsync(_reply.Id, Arg.Any<CancellationToken>()).Returns(_reply);
        _handler = new DeleteReplyHandler(_replies, _mediator, Given.Clock());
    }

    [Fact]
    public async Task Handle_WhenLive_SavesReplyDeletedNow()
    {
        var result = await _handler.Handle(new DeleteReplyCommand(_reply.Id.Value), CancellationToken.None);

        Assert.Equal(Unit.Value, result);
        await _replies.Received(1).UpdateAsync(
            Arg.Is<Post>(p => p.Id == _reply.Id && p.DeletedAt == Given.Now),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenReplyUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new DeleteReplyCommand("post_unknown"), CancellationToken.None));

        Assert.Equal("Reply", exception.Resource);
        Assert.Equal("post_unknown", exception.Id);
        await _replies.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenReplyAlreadyDeleted_ThrowsNotFoundException()
    {
        var deleted = _reply.Delete(Given.Now.AddMinutes(-1));
        _replies.GetAsync(deleted.Id, Arg.Any<CancellationToken>()).Returns(deleted);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new DeleteReplyCommand(deleted.Id.Value), CancellationToken.None));

        Assert.Equal("Reply", exception.Resource);
        await _replies.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }
}
