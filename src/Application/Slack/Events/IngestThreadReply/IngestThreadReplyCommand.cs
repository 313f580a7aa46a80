using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using MediatR;

namespace CodeStream.Integrations.Application.Slack.Events.IngestThreadReply;

/// <summary>A message in a Slack thread; if the thread is a shared codemark's, it becomes a CodeStream reply.</summary>
public sealed record IngestThreadReplyCommand(string SlackTeamId, SlackEventBody Message) : IFlow<WorkOutcome>;
