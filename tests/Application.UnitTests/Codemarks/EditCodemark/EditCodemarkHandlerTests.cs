using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.EditCodemark;

public sealed class EditCodemarkHandlerTests
{
    private readonly IMediator _mediator = Substitute.For<IMediator>();
    private readonly ICodemarkRepository _codemarks = Substitute.For<ICodemarkRepository>();
    private readonly Codemark _codemark = Given.NewCodemark(TeamId.Parse("team_01"), UserId.Parse("user_01"));
    private readonly EditCodemarkHandler _handler;

    public EditCodemarkHandlerTests()
    {
        _codemarks.GetAsync(_codemark.Id, Arg.Any<CancellationToken>()).Returns(_codemark);
        _handler = new EditCodemarkHandler(_codemarks, _mediator, Given.Clock());
    }

    [Fact]
    public async Task Handle_WhenLive_SavesEditedCodemarkAndReturnsIt()
    {
        var dto = await _handler.Handle(new EditCodemarkCommand(_codemark.Id.Value, " Data race ", "Lock it"), CancellationToken.None);

        await _codemarks.Received(1).UpdateAsync(
            Arg.Is<Codemark>(c => c.Id == _codemark.Id && c.Title == "Data race" && c.Text == "Lock it" && c.EditedAt == Given.Now),
            Arg.Any<CancellationToken>());
        Assert.Equal(_codemark.Id.Value, dto.Id);
        Assert.Equal("Data race", dto.Title);
        Assert.Equal("Lock it", dto.Text);
        Assert.Equal(Given.Now, dto.EditedAt);
        Assert.Equal(_codemark.CreatedAt, dto.CreatedAt);
        Assert.Single(dto.Markers);
    }

    [Fact]
    public async Task Handle_WhenCodemarkUnknown_ThrowsNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new EditCodemarkCommand("cm_unknown", null, "text"), CancellationToken.None));

        Assert.Equal("Codemark", exception.Resource);
        Assert.Equal("cm_unknown", exception.Id);
        await _codemarks.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenCodemarkDeleted_ThrowsNotFoundException()
    {
        var deleted = _codemark.Delete(Given.Now.AddMinutes(-1));
        _codemarks.GetAsync(deleted.Id, Arg.Any<CancellationToken>()).Returns(deleted);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new EditCodemarkCommand(deleted.Id.Value, null, "text"), CancellationToken.None));

        Assert.Equal("Codemark", exception.Resource);
        await _codemarks.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenEditBreaksDomainRules_ThrowsDomainExceptionAndSavesNothing()
    {
        var bookmark = Given.NewCodemark(_codemark.TeamId, _codemark.CreatorId, CodemarkType.Bookmark, "Entry point");
        _codemarks.GetAsync(bookmark.Id, Arg.Any<CancellationToken>()).Returns(bookmark);

        await Assert.ThrowsAsync<DomainException>(() =>
            _handler.Handle(new EditCodemarkCommand(bookmark.Id.Value, null, "no title"), CancellationToken.None));

        await _codemarks.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
    }
}
