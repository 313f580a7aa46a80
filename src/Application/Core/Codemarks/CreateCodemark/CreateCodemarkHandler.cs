using CodeStream.Integrations.Application.Common.Exceptions;
using CodeStream.Integrations.Application.Core.Models;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Teams;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using MediatR;

namespace CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;

internal sealed class CreateCodemarkHandler(ITeamRepository teams, IUserRepository users, ICodemarkRepository codemarks, TimeProvider clock)
    : IRequestHandler<CreateCodemarkCommand, CodemarkDto>
{
    public async Task<CodemarkDto> Handle(CreateCodemarkCommand request, CancellationToken cancellationToken)
    {
        var teamId = TeamId.Parse(request.TeamId);
        var creatorId = UserId.Parse(request.CreatorId);
        _ = await teams.GetAsync(teamId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("Team", teamId.Value);
        var creator = await users.GetAsync(creatorId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("User", creatorId.Value);
        TeamGuard.EnsureCanActIn(creator, teamId);

        _ = CodemarkTypes.TryParse(request.Type, out var type);
        var now = clock.GetUtcNow();
        var markers = request.Markers!
            .Select(m => Marker.Create(m.File!, m.Repo, m.CommitHash, m.StartLine, m.EndLine, m.Code, m.RemoteCodeUrl, now))
            .ToList();
        var codemark = Codemark.Create(teamId, creatorId, type, request.Title, request.Text, markers, now);
        await codemarks.AddAsync(codemark, cancellationToken).ConfigureAwait(false);
        return CodemarkDto.From(codemark);
    }
}
