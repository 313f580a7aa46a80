using CodeStream.Integrations.Application.Common.Behaviors;
using CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Replies.AddReply;
using CodeStream.Integrations.Application.Core.Teams.CreateTeam;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Application.UnitTests.Common.Behaviors;

public sealed class LoggingBehaviorTests
{
    private const string Secret = "xoxb-SECRET-reply-text";

    private static readonly ReplyDto Reply = new(
        "post_09", "cm_01", "post_01", Secret, "user_01", "CodeStream", DateTimeOffset.UnixEpoch, null, false, [], [], []);

    [Fact]
    public async Task Handle_WhenRequestSucceeds_LogsNameAndIdsButNeverTheText()
    {
        var logger = new CapturingLogger<LoggingBehavior<AddReplyCommand, ReplyDto>>();
        var behavior = new LoggingBehavior<AddReplyCommand, ReplyDto>(logger);

        var response = await behavior.Handle(new AddReplyCommand("cm_01", "user_01", Secret), CancellationToken.None, () => Task.FromResult(Reply));

        Assert.Same(Reply, response);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal(1000, entry.EventId.Id);
        Assert.StartsWith("AddReplyCommand handled in ", entry.Message, StringComparison.Ordinal);
        var scope = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.Single(logger.Scopes)); // key/object pairs: what providers render as fields
        Assert.Equal("cm_01", (string?)scope["CodemarkId"]);
        Assert.Equal("user_01", (string?)scope["UserId"]);
        Assert.Equal(2, scope.Count);
        AssertNeverLogged(logger, Secret);
    }

    [Fact]
    public async Task Handle_WhenRequestFails_LogsExceptionTypeOnlyAndRethrows()
    {
        var logger = new CapturingLogger<LoggingBehavior<AddReplyCommand, ReplyDto>>();
        var behavior = new LoggingBehavior<AddReplyCommand, ReplyDto>(logger);
        var failure = new InvalidOperationException($"could not store '{Secret}'");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behavior.Handle(new AddReplyCommand("cm_01", "user_01", Secret), CancellationToken.None, () => throw failure));

        Assert.Same(failure, thrown);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(1001, entry.EventId.Id);
        Assert.StartsWith("AddReplyCommand failed after ", entry.Message, StringComparison.Ordinal);
        Assert.EndsWith(" with InvalidOperationException", entry.Message, StringComparison.Ordinal);
        Assert.Null(entry.Exception);
        AssertNeverLogged(logger, Secret);
    }

    [Fact]
    public async Task Handle_WhenEditingCodemark_NeverLogsTitleOrText()
    {
        var logger = new CapturingLogger<LoggingBehavior<EditCodemarkCommand, CodemarkDto>>();
        var behavior = new LoggingBehavior<EditCodemarkCommand, CodemarkDto>(logger);
        var dto = new CodemarkDto("cm_01", "team_01", "post_01", "user_01", "issue", "secret-title", Secret, [], DateTimeOffset.UnixEpoch, null, false, [], []);

        await behavior.Handle(new EditCodemarkCommand("cm_01", "secret-title", Secret), CancellationToken.None, () => Task.FromResult(dto));

        var scope = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.Single(logger.Scopes)); // key/object pairs: what providers render as fields
        Assert.Equal(["CodemarkId"], scope.Keys);
        AssertNeverLogged(logger, Secret);
        AssertNeverLogged(logger, "secret-title");
    }

    [Fact]
    public async Task Handle_WhenRequestCarriesNoIds_OpensNoScopeAndNeverLogsThePayload()
    {
        var logger = new CapturingLogger<LoggingBehavior<CreateTeamCommand, TeamDto>>();
        var behavior = new LoggingBehavior<CreateTeamCommand, TeamDto>(logger);

        await behavior.Handle(new CreateTeamCommand(Secret), CancellationToken.None, () => Task.FromResult(new TeamDto("team_01", Secret, DateTimeOffset.UnixEpoch)));

        Assert.Empty(logger.Scopes);
        Assert.StartsWith("CreateTeamCommand handled in ", Assert.Single(logger.Entries).Message, StringComparison.Ordinal);
        AssertNeverLogged(logger, Secret);
    }

    private static void AssertNeverLogged(CapturingLogger logger, string value)
    {
        var written = logger.AllText().ToList();
        Assert.NotEmpty(written);
        Assert.All(written, text => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
    }
}
