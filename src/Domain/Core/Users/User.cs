using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Teams;

namespace CodeStream.Integrations.Domain.Core.Users;

/// <summary>
/// A member of a CodeStream team. A faux user (<see cref="IsFaux"/>) stands in for a person of a messaging tool who
/// has not joined CodeStream; it carries that tool's <see cref="ExternalUserId"/> and never gets API access.
/// </summary>
public sealed record User(
    UserId Id,
    TeamId TeamId,
    string? Email,
    string Username,
    string FullName,
    string? TimeZone,
    string? ExternalUserId,
    DateTimeOffset CreatedAt)
{
    public const int MaxEmailLength = 320;
    public const int MaxNameLength = 256;

    public bool IsFaux => ExternalUserId is not null;

    public string DisplayName => string.IsNullOrWhiteSpace(FullName) ? Username : FullName;

    public static User CreateRegistered(TeamId teamId, string email, string username, string fullName, DateTimeOffset now)
    {
        var checkedEmail = Text.Required(email, "Email", MaxEmailLength).Trim();
        if (!checkedEmail.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainException($"'{checkedEmail}' is not an e-mail address.");
        }

        return new User(
            UserId.New(now),
            teamId,
            checkedEmail,
            Text.Required(username, "Username", MaxNameLength).Trim(),
            Text.Optional(fullName, "Full name", MaxNameLength)?.Trim() ?? string.Empty,
            TimeZone: null,
            ExternalUserId: null,
            now);
    }

    /// <summary>A placeholder for a messaging tool's user, keyed by the tool's <paramref name="externalUserId"/> (unique per team).</summary>
    public static User CreateFaux(
        TeamId teamId, string externalUserId, string? email, string username, string fullName, string? timeZone, DateTimeOffset now) =>
        new(
            UserId.New(now),
            teamId,
            string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            Text.Required(username, "Username", MaxNameLength).Trim(),
            Text.Optional(fullName, "Full name", MaxNameLength)?.Trim() ?? string.Empty,
            timeZone,
            Text.Required(externalUserId, "External user id", MaxNameLength),
            now);

    /// <summary>Compares e-mail addresses as people expect: ignoring case.</summary>
    public bool HasEmail(string? email) =>
        Email is not null && email is not null && string.Equals(Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
