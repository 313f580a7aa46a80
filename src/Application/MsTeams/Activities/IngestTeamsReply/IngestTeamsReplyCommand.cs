using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;

namespace CodeStream.Integrations.Application.MsTeams.Activities.IngestTeamsReply;

/// <summary>A message in a Teams thread; if the thread is a shared codemark's, it becomes a CodeStream reply.</summary>
public sealed record IngestTeamsReplyCommand(TeamsActivity Activity) : IFlow<WorkOutcome>;
