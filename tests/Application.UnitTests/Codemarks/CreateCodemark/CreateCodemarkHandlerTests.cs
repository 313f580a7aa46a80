using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests.Codemarks.CreateCodemark;

public sealed class CreateCodemarkHandlerTests : IDisposable
{
    private readonly ITeamRepository _teams = Substitute.For<ITeamRepository>();
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly ICodemarkRepository _codemarks = Substitute.For<ICodemarkRepository>();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Team _team = Given.NewTeam();
    private readonly User _creator;
    private readonly CreateCodemarkHandler _handler;

    public CreateCodemarkHandlerTests()
    {
        _creator = Given.RegisteredUser(_team.Id);
        _teams.GetAsync(_team.Id, Arg.Any<CancellationToken>()).Returns(_team);
        _users.GetAsync(_creator.Id, Arg.Any<CancellationToken>()).Returns(_creator);
        _handler = new CreateCodemarkHandler(_teams, _users, _codemarks, Given.Clock());
    }

    public void Dispose() => _cancellation.Dispose();

    [Fact]
    public async Task Handle_WhenValid_AddsCodemarkWithMarkersAndReturnsIt()
    {
        var command = Command(
            type: "Issue",
            markers:
            [
                new MarkerInput("src/File1.cs", "acme/app", "abc123", 1, 1, "x++;", null),
                new MarkerInput("src/File2.cs", null, null, 20, 24, null, "https://github.com/acme/app/blob/main/src/File2.cs#L20"),
            ]);

        var dto = await _handler.Handle(command, _cancellation.Token);

        await _codemarks.Received(1).AddAsync(
            Arg.Is<Codemark>(c => c.Id.Value == dto.Id && c.TeamId == _team.Id && c.CreatorId == _creator.Id
                && c.Type == CodemarkType.Issue && c.Markers.Count == 2 && c.CreatedAt == Given.Now),
            _cancellation.Token);
        Assert.StartsWith("cm_", dto.Id, StringComparison.Ordinal);
        Assert.StartsWith("post_", dto.PostId, StringComparison.Ordinal);
        Assert.Equal(_team.Id.Value, dto.TeamId);
        Assert.Equal(_creator.Id.Value, dto.CreatorId);
        Assert.Equal("issue", dto.Type);
        Assert.Equal("Possible race", dto.Title);
        Assert.Equal("Two threads write here", dto.Text);
        Assert.Equal(Given.Now, dto.CreatedAt);
        Assert.Null(dto.EditedAt);
        Assert.False(dto.Deleted);
        Assert.Empty(dto.SharedTo);
        Assert.Empty(dto.Replies);
        Assert.Equal(["src/File1.cs", "src/File2.cs"], dto.Markers.Select(m => m.File));
        Assert.All(dto.Markers, m => Assert.StartsWith("mk_", m.Id, StringComparison.Ordinal));
        Assert.Equal((20, 24), (dto.Markers[1].StartLine, dto.Markers[1].EndLine));
        Assert.Equal(string.Empty, dto.Markers[1].Code);
        Assert.Equal("https://github.com/acme/app/blob/main/src/File2.cs#L20", dto.Markers[1].RemoteCodeUrl);
        Assert.Equal(("acme/app", "abc123", "x++;"), (dto.Markers[0].Repo, dto.Markers[0].CommitHash, dto.Markers[0].Code));
    }

    [Theory]
    [InlineData("comment", CodemarkType.Comment)]
    [InlineData("QUESTION", CodemarkType.Question)]
    [InlineData("bookmark", CodemarkType.Bookmark)]
    [InlineData("trap", CodemarkType.Trap)]
    [InlineData("link", CodemarkType.Link)]
    public async Task Handle_WhenTypeNamedInAnyCase_StoresThatType(string type, CodemarkType expected)
    {
        var dto = await _handler.Handle(Command(type: type), CancellationToken.None);

        await _codemarks.Received(1).AddAsync(Arg.Is<Codemark>(c => c.Type == expected), Arg.Any<CancellationToken>());
        Assert.Equal(type.ToLowerInvariant(), dto.Type);
    }

    [Fact]
    public async Task Handle_WhenNoMarkers_AddsCodemarkWithoutMarkers()
    {
        var dto = await _handler.Handle(Command(markers: []), CancellationToken.None);

        Assert.Empty(dto.Markers);
        await _codemarks.Received(1).AddAsync(Arg.Is<Codemark>(c => c.Markers.Count == 0), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenTeamUnknown_ThrowsNotFoundExceptionForTheTeam()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(Command(teamId: "team_unknown"), CancellationToken.None));

        Assert.Equal("Team", exception.Resource);
        Assert.Equal("team_unknown", exception.Id);
        await _codemarks.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenCreatorUnknown_ThrowsNotFoundExceptionForTheUser()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(Command(creatorId: "user_unknown"), CancellationToken.None));

        Assert.Equal("User", exception.Resource);
        Assert.Equal("user_unknown", exception.Id);
        await _codemarks.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenCreatorBelongsToAnotherTeam_ThrowsForbiddenException()
    {
        var outsider = Given.RegisteredUser(Given.NewTeam("Other").Id, "eve@example.com", "eve");
        _users.GetAsync(outsider.Id, Arg.Any<CancellationToken>()).Returns(outsider);

        var exception = await Assert.ThrowsAsync<ForbiddenException>(() =>
            _handler.Handle(Command(creatorId: outsider.Id.Value), CancellationToken.None));

        Assert.Contains(outsider.Id.Value, exception.Message, StringComparison.Ordinal);
        await _codemarks.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenCreatorIsFaux_ThrowsForbiddenException()
    {
        var faux = Given.FauxUser(_team.Id);
        _users.GetAsync(faux.Id, Arg.Any<CancellationToken>()).Returns(faux);

        await Assert.ThrowsAsync<ForbiddenException>(() => _handler.Handle(Command(creatorId: faux.Id.Value), CancellationToken.None));

        await _codemarks.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenMarkerBreaksDomainRules_ThrowsDomainExceptionAndAddsNothing()
    {
        var command = Command(markers: [new MarkerInput("f.cs", null, null, 5, 4, null, null)]);

        await Assert.ThrowsAsync<DomainException>(() => _handler.Handle(command, CancellationToken.None));

        await _codemarks.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Handle_WhenBookmarkHasNoTitle_ThrowsDomainExceptionAndAddsNothing()
    {
        await Assert.ThrowsAsync<DomainException>(() => _handler.Handle(Command(type: "bookmark", title: null), CancellationToken.None));

        await _codemarks.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    private CreateCodemarkCommand Command(
        string? teamId = null,
        string? creatorId = null,
        string type = "issue",
        string? title = "Possible race",
        IReadOnlyList<MarkerInput>? markers = null) => new(
        teamId ?? _team.Id.Value,
        creatorId ?? _creator.Id.Value,
        type,
        title,
        "Two threads write here",
        markers ?? [new MarkerInput("src/File.cs", null, null, 1, 2, "code", null)]);
}
