using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Codemarks;
using CodeStream.Integrations.Domain.Core.Posts;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Core.Persistence;

/// <summary>Codemarks and their markers.</summary>
/// <param name="session">The scope's database session.</param>
/// <param name="cache">Codemarks for new replies (<see cref="GetForReplyAsync"/>); without it, they are read each time.</param>
internal sealed class CodemarkRepository(DbSession session, CodemarkCache? cache = null) : ICodemarkRepository
{
    private const string InsertCodemarkSql = """
        INSERT INTO codemarks (id, team_id, post_id, creator_id, type, title, text, created_at, edited_at, deleted_at)
        VALUES (@Id, @TeamId, @PostId, @CreatorId, @Type, @Title, @Text, @CreatedAt, NULL, NULL)
        """;

    private const string InsertMarkerSql = """
        INSERT INTO markers (id, codemark_id, ordinal, file, repo, commit_hash, start_line, end_line, code, remote_code_url)
        VALUES (@Id, @CodemarkId, @Ordinal, @File, @Repo, @CommitHash, @StartLine, @EndLine, @Code, @RemoteCodeUrl)
        """;

    // One statement for the codemark and its markers (every Slack reply reads its codemark).
    private const string SelectCodemarkSql = """
        SELECT c.id AS Id, c.team_id AS TeamId, c.post_id AS PostId, c.creator_id AS CreatorId, c.type AS Type, c.title AS Title,
               c.text AS Text, c.created_at AS CreatedAt, c.edited_at AS EditedAt, c.deleted_at AS DeletedAt,
               m.id AS MarkerId, m.file AS File, m.repo AS Repo, m.commit_hash AS CommitHash, m.start_line AS StartLine,
               m.end_line AS EndLine, m.code AS Code, m.remote_code_url AS RemoteCodeUrl
        FROM codemarks c LEFT JOIN markers m ON m.codemark_id = c.id
        WHERE c.id = @Id
        ORDER BY m.ordinal
        """;

    private const string UpdateSql = """
        UPDATE codemarks SET title = @Title, text = @Text, edited_at = @EditedAt, deleted_at = @DeletedAt WHERE id = @Id
        """;

    public async Task AddAsync(Codemark codemark, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            InsertCodemarkSql,
            new
            {
                Id = codemark.Id.Value,
                TeamId = codemark.TeamId.Value,
                PostId = codemark.PostId.Value,
                CreatorId = codemark.CreatorId.Value,
                Type = codemark.Type.ToString(),
                codemark.Title,
                codemark.Text,
                CreatedAt = UnixTime.ToMs(codemark.CreatedAt),
            },
            cancellationToken).ConfigureAwait(false);

        if (codemark.Markers.Count > 0)
        {
            var markerRows = codemark.Markers.Select((m, ordinal) => new
            {
                Id = m.Id.Value,
                CodemarkId = codemark.Id.Value,
                Ordinal = (long)ordinal,
                m.File,
                m.Repo,
                m.CommitHash,
                StartLine = (long)m.StartLine,
                EndLine = (long)m.EndLine,
                m.Code,
                m.RemoteCodeUrl,
            });
            await session.ExecuteAsync(InsertMarkerSql, markerRows, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<Codemark?> GetAsync(CodemarkId id, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<CodemarkRow>(SelectCodemarkSql, new { Id = id.Value }, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var row = rows[0];
        return new Codemark(
            CodemarkId.Parse(row.Id),
            TeamId.Parse(row.TeamId),
            PostId.Parse(row.PostId),
            UserId.Parse(row.CreatorId),
            Enum.Parse<CodemarkType>(row.Type),
            row.Title,
            row.Text,
            [.. rows.Where(m => m.MarkerId is not null).Select(m => new Marker(
                MarkerId.Parse(m.MarkerId!), m.File!, m.Repo, m.CommitHash, (int)m.StartLine!.Value, (int)m.EndLine!.Value, m.Code!, m.RemoteCodeUrl))],
            UnixTime.FromMs(row.CreatedAt),
            UnixTime.FromMs(row.EditedAt),
            UnixTime.FromMs(row.DeletedAt));
    }

    public Task<Codemark?> GetForReplyAsync(CodemarkId id, CancellationToken cancellationToken) =>
        cache is null || session.Transaction is not null // a read inside a transaction may yet be rolled back: not kept
            ? GetAsync(id, cancellationToken)
            : cache.Codemarks.GetOrLoadAsync(id.Value, () => GetAsync(id, cancellationToken));

    public async Task UpdateAsync(Codemark codemark, CancellationToken cancellationToken)
    {
        Task<int> Write() => session.ExecuteAsync(
            UpdateSql,
            new
            {
                Id = codemark.Id.Value,
                codemark.Title,
                codemark.Text,
                EditedAt = UnixTime.ToMs(codemark.EditedAt),
                DeletedAt = UnixTime.ToMs(codemark.DeletedAt),
            },
            cancellationToken);

        await (cache is null ? Write() : cache.Codemarks.ChangeAsync(session, codemark.Id.Value, Write)).ConfigureAwait(false);
    }

    private sealed class CodemarkRow
    {
        public string Id { get; set; } = string.Empty;

        public string TeamId { get; set; } = string.Empty;

        public string PostId { get; set; } = string.Empty;

        public string CreatorId { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public string? Title { get; set; }

        public string Text { get; set; } = string.Empty;

        public long CreatedAt { get; set; }

        public long? EditedAt { get; set; }

        public long? DeletedAt { get; set; }

        public string? MarkerId { get; set; }

        public string? File { get; set; }

        public string? Repo { get; set; }

        public string? CommitHash { get; set; }

        public long? StartLine { get; set; }

        public long? EndLine { get; set; }

        public string? Code { get; set; }

        public string? RemoteCodeUrl { get; set; }
    }
}
