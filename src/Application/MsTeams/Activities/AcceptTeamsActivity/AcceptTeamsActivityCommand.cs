using CodeStream.Integrations.Application.Common.Messaging;
using CodeStream.Integrations.Application.Common.WorkQueue;
using CodeStream.Integrations.Application.MsTeams.Common;
using FluentValidation;
using MediatR;

namespace CodeStream.Integrations.Application.MsTeams.Activities.AcceptTeamsActivity;

/// <summary>
/// An authenticated activity from Teams, stored in the inbox before Teams gets its 200. The key tells a redelivery
/// (applied once) from an edit or delete of the same message, which reuses its activity id.
/// </summary>
public sealed record AcceptTeamsActivityCommand(string DedupeKey, string RawJson) : IFlow<bool>, ILogContext
{
    public IReadOnlyDictionary<string, string?> LogIds => new Dictionary<string, string?> { ["TeamsActivity"] = DedupeKey };
}

/// <summary><c>true</c> when stored now, <c>false</c> for a redelivery already in the inbox.</summary>
internal sealed class AcceptTeamsActivityHandler(IWorkItemWriter writer) : IRequestHandler<AcceptTeamsActivityCommand, bool>
{
    public Task<bool> Handle(AcceptTeamsActivityCommand request, CancellationToken cancellationToken) =>
        writer.WriteAsync(new NewWorkItem(MsTeamsWorkKinds.Activity, request.DedupeKey, request.RawJson), cancellationToken);
}

internal sealed class AcceptTeamsActivityValidator : AbstractValidator<AcceptTeamsActivityCommand>
{
    public AcceptTeamsActivityValidator()
    {
        RuleFor(c => c.DedupeKey).NotEmpty().MaximumLength(400);
        RuleFor(c => c.RawJson).NotEmpty();
    }
}
