using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.MsTeams.Messages;

/// <summary>
/// What <see cref="TeamsCodemarkCard"/> renders: the codemark, its author's display name and the CodeStream web app's
/// base URL (links are <c>{WebBaseUrl}codemark/{id}</c>, as on the Slack card).
/// </summary>
public sealed record TeamsCardInput(Codemark Codemark, string AuthorName, Uri WebBaseUrl);
