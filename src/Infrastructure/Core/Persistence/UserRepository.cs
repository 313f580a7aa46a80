using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Infrastructure.Persistence;

namespace CodeStream.Integrations.Infrastructure.Core.Persistence;

internal sealed class UserRepository(DbSession session) : IUserRepository
{
    private const string Columns = """
        id AS Id, team_id AS TeamId, email AS Email, username AS Username, full_name AS FullName,
        time_zone AS TimeZone, external_user_id AS ExternalUserId, created_at AS CreatedAt
        """;

    // The partial unique indexes (registered e-mail, faux external id) decide; no read-then-write.
    private const string InsertSql = """
        INSERT INTO users (id, team_id, email, email_normalized, username, username_normalized, full_name, time_zone, external_user_id, created_at)
        VALUES (@Id, @TeamId, @Email, @EmailNormalized, @Username, @UsernameNormalized, @FullName, @TimeZone, @ExternalUserId, @CreatedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string SelectByIdSql = $"SELECT {Columns} FROM users WHERE id = @Id";

    private const string SelectByTeamSql = $"SELECT {Columns} FROM users WHERE team_id = @TeamId ORDER BY created_at, id";

    private const string SelectRegisteredByEmailSql = $"""
        SELECT {Columns} FROM users
        WHERE team_id = @TeamId AND email_normalized = @EmailNormalized AND external_user_id IS NULL
        """;

    private const string SelectByUsernamesSql = $"SELECT {Columns} FROM users WHERE team_id = @TeamId AND ";

    private const string SelectByExternalIdSql = $"""
        SELECT {Columns} FROM users WHERE team_id = @TeamId AND external_user_id = @ExternalUserId
        """;

    public async Task<bool> TryAddAsync(User user, CancellationToken cancellationToken)
    {
        var inserted = await session.ExecuteAsync(
            InsertSql,
            new
            {
                Id = user.Id.Value,
                TeamId = user.TeamId.Value,
                user.Email,
                EmailNormalized = Normalize(user.Email),
                user.Username,
                UsernameNormalized = user.Username.ToLowerInvariant(),
                user.FullName,
                user.TimeZone,
                user.ExternalUserId,
                CreatedAt = UnixTime.ToMs(user.CreatedAt),
            },
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<User?> GetAsync(UserId id, CancellationToken cancellationToken) =>
        ToUser(await session.QuerySingleOrDefaultAsync<UserRow>(SelectByIdSql, new { Id = id.Value }, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<User>> ListByTeamAsync(TeamId teamId, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<UserRow>(SelectByTeamSql, new { TeamId = teamId.Value }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => ToUser(row)!)];
    }

    public async Task<User?> FindRegisteredByEmailAsync(TeamId teamId, string email, CancellationToken cancellationToken) =>
        ToUser(await session.QuerySingleOrDefaultAsync<UserRow>(
            SelectRegisteredByEmailSql, new { TeamId = teamId.Value, EmailNormalized = Normalize(email) }, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<User>> FindByUsernamesAsync(TeamId teamId, IReadOnlyCollection<string> usernames, CancellationToken cancellationToken)
    {
        if (usernames.Count == 0)
        {
            return [];
        }

        var rows = await session.QueryAsync<UserRow>(
            SelectByUsernamesSql + session.AnyOf("username_normalized", "Usernames"),
            new { TeamId = teamId.Value, Usernames = usernames.Select(u => u.ToLowerInvariant()).Distinct().ToArray() },
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => ToUser(row)!)];
    }

    public async Task<User?> FindByExternalIdAsync(TeamId teamId, string externalUserId, CancellationToken cancellationToken) =>
        ToUser(await session.QuerySingleOrDefaultAsync<UserRow>(
            SelectByExternalIdSql, new { TeamId = teamId.Value, ExternalUserId = externalUserId }, cancellationToken).ConfigureAwait(false));

    private static string? Normalize(string? email) => email?.Trim().ToUpperInvariant();

    private static User? ToUser(UserRow? row) => row is null
        ? null
        : new User(
            UserId.Parse(row.Id),
            TeamId.Parse(row.TeamId),
            row.Email,
            row.Username,
            row.FullName,
            row.TimeZone,
            row.ExternalUserId,
            UnixTime.FromMs(row.CreatedAt));

    private sealed class UserRow
    {
        public string Id { get; set; } = string.Empty;

        public string TeamId { get; set; } = string.Empty;

        public string? Email { get; set; }

        public string Username { get; set; } = string.Empty;

        public string FullName { get; set; } = string.Empty;

        public string? TimeZone { get; set; }

        public string? ExternalUserId { get; set; }

        public long CreatedAt { get; set; }
    }
}
