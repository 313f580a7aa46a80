using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.DeleteCodemark;

public sealed class DeleteCodemarkHandlerTests
{
    private readonly IMediator _mediator = Substitute.For<IMediator>();
    private readonly ICodemarkRepository _codemarks = Substitute.For<ICodemarkRepository>();
    private readonly Codemark _codemark = Given.NewCodemark(TeamId.Parse("team_01"), UserId.Parse("user_01"));
    private readonly DeleteCodemarkHandler _handler;

    public DeleteCodemarkHandlerTests()
    {
        _codemarks.GetAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns(_codemark);
        _handler = new DeleteCodemarkHandler(_codemarks, _mediator, Given.Clock());
    }

    [Fact]
    public async Task Handle_WhenLive_SavesCodemarkDeletedNow()
    {
        var result = await _handler.Handle(new DeleteCodemarkCommand(_codemark.Id.Value), CancellationToken.None);

        Assert.Equal(Unit.Value, result);
        await _codemarks.Received(1).UpdateAsync(
            Arg.Is<Codemark>(c => c.Id == _codemark.Id && c.DeletedAt == Given.Now && c.Text == _codemark.Text),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenCodemarkUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new DeleteCodemarkCommand("cm_unknown"), CancellationToken.None));

        Assert.Equal("Codemark", exception.Resource);
        Assert.Equal("cm_unknown", exception.Id);
        await _codemarks.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenCodemarkAlreadyDeleted_ThrowsNotFoundException()
    {
        var deleted = _codemark.Delete(Given.Now.AddMinutes(-1));
        _codemarks.GetAsync(deleted.Id, Arg.Any<CancellationToken>()).Returns(deleted);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new DeleteCodemarkCommand(deleted.Id.Value), CancellationToken.None));

        Assert.Equal("Codemark", exception.Resource);
        await _codemarks.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }
}
