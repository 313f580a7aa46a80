using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Slack.Persistence;

namespace CodeStream.Integrations.Application.Slack.Resync.GetSlackResync;

/// <summary>A resync run's progress: threads done of total, replies added, edits applied, errors.</summary>
public sealed record GetSlackResyncQuery(string Id) : IQuery<SlackResyncRun>;
