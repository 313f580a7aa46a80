using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>
/// What <see cref="CodemarkCard"/> renders: the codemark, its author's display name, the CodeStream web app's base URL
/// (links are <c>{WebBaseUrl}codemark/{id}</c>), whether Slack interactivity is on (the reply button), whether thread
/// replies come back to CodeStream, and the Slack user ids of the <c>@usernames</c> in its title and text.
/// </summary>
public sealed record CodemarkCardInput(
    Codemark Codemark,
    string AuthorName,
    Uri WebBaseUrl,
    bool InteractiveComponentsEnabled,
    bool RepliesSyncFromSlack = true,
    IReadOnlyDictionary<string, string>? SlackUserIdsByUsername = null);
