using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Slack.Common;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Status.UpdateSlackStatus;

internal sealed class UpdateSlackStatusHandler(
    IUserRepository users, ISlackInstallationRepository installations, SlackSettings settings, SlackTokenService tokens, ISlackGateway slack)
    : IRequestHandler<UpdateSlackStatusCommand, Unit>
{
    public async Task<Unit> Handle(UpdateSlackStatusCommand request, CancellationToken cancellationToken)
    {
        if (settings.Disabled)
        {
            throw SlackUnavailableException.Disabled();
        }

        var userId = UserId.Parse(request.UserId);
        _ = await users.GetAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("User", userId.Value);
        var slackTeamId = request.SlackTeamId is not null
            ? SlackTeamId.Parse(request.SlackTeamId)
            : await OnlyWorkspaceAsync(userId, cancellationToken).ConfigureAwait(false);

        var text = request.Text?.Trim() ?? string.Empty;
        // An empty text clears the status: Slack wants the emoji cleared with it.
        var emoji = text.Length == 0 ? string.Empty : string.IsNullOrEmpty(request.Emoji) ? UpdateSlackStatusCommand.DefaultEmoji : request.Emoji;
        await tokens.WithUserTokenAsync(
            userId,
            slackTeamId,
            async token =>
            {
                await slack.SetUserStatusAsync(token, text, emoji, text.Length == 0 ? 0 : request.ExpiresAt ?? 0, cancellationToken).ConfigureAwait(false);
                return Unit.Value;
            },
            cancellationToken).ConfigureAwait(false);
        return Unit.Value;
    }

    private async Task<SlackTeamId> OnlyWorkspaceAsync(UserId userId, CancellationToken cancellationToken)
    {
        var workspaces = await installations.ListUserWorkspacesAsync(userId, cancellationToken).ConfigureAwait(false);
        return workspaces.Count switch
        {
            1 => workspaces[0],
            0 => throw SlackNotConnectedException.NoWorkspace(userId.Value),
            _ => throw new FluentValidation.ValidationException(
                [new FluentValidation.Results.ValidationFailure(
                    nameof(UpdateSlackStatusCommand.SlackTeamId),
                    $"'slackTeamId' is required: the user has connected {workspaces.Count} Slack workspaces ({string.Join(", ", workspaces.Select(w => w.Value))}).")]),
        };
    }
}
