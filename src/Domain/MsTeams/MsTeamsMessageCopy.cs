using CodeStream.Integrations.Domain.Core.Posts;

namespace CodeStream.Integrations.Domain.MsTeams;

/// <summary>
/// A reply's message in a Teams thread: the one a member wrote (it became the reply) or a copy the bot posted
/// (<see cref="PostedByBot"/>), which follows the reply's edits and deletes. One per (thread, activity id).
/// </summary>
public sealed record MsTeamsMessageCopy(PostId PostId, string ConversationId, string ActivityId, bool PostedByBot, DateTimeOffset CreatedAt);
