using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Replies.EditReply;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Replies.EditReply;

public sealed class EditReplyHandlerTests
{
    private readonly IMediator _mediator = Substitute.For<IMediator>();
    private readonly IReplyRepository _replies = Substitute.For<IReplyRepository>();
    private readonly Post _reply;
    private readonly EditReplyHandler _handler;

    public EditReplyHandlerTests()
    {
        var codemark = Given.NewCodemark(TeamId.Parse("team_01"), UserId.Parse("user_01"));
        _reply = Given.Reply(codemark, UserId.Parse("user_02"), "Thanks!");
        _replies.GetAsync(_reply.Id, Arg.Any<CancellationToken>()).Returns(_reply);
        _handler = new EditReplyHandler(_replies, _mediator, Given.Clock());
    }

    [Fact]
    public async Task Handle_WhenTextChanged_SavesEditedReplyAndReturnsIt()
    {
        var dto = await _handler.Handle(new EditReplyCommand(_reply.Id.Value, "Thanks, Grace!"), CancellationToken.None);

        await _replies.Received(1).UpdateAsync(
            Arg.Is<Post>(p => p.Id == _reply.Id && p.Text == "Thanks, Grace!" && p.EditedAt == Given.Now),
            Arg.Any<CancellationToken>());
        Assert.Equal(_reply.Id.Value, dto.Id);
        Assert.Equal("Thanks, Grace!", dto.Text);
        Assert.Equal(Given.Now, dto.EditedAt);
    }

    [Fact]
    public async Task Handle_WhenTextUnchanged_ReturnsReplyWithoutCallingUpdate()
    {
        var dto = await _handler.Handle(new EditReplyCommand(_reply.Id.Value, "Thanks!"), CancellationToken.None);

        await _replies.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
        Assert.Equal(_reply.Id.Value, dto.Id);
        Assert.Equal("Thanks!", dto.Text);
        Assert.Null(dto.EditedAt);
    }

    [Fact]
    public async Task Handle_WhenReplyUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new EditReplyCommand("post_unknown", "text"), CancellationToken.None));

        Assert.Equal("Reply", exception.Resource);
        Assert.Equal("post_unknown", exception.Id);
        await _replies.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenReplyDeleted_ThrowsNotFoundException()
    {
        var deleted = _reply.Delete(Given.Now);
        _replies.GetAsync(deleted.Id, Arg.Any<CancellationToken>()).Returns(deleted);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new EditReplyCommand(deleted.Id.Value, "new text"), CancellationToken.None));

        Assert.Equal("Reply", exception.Resource);
        await _replies.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }
}
