using CodeStream.Integrations.Domain.Common;

namespace CodeStream.Integrations.Domain.Core.Codemarks;

/// <summary>Where a codemark points: a file, a line range, the code itself, and optionally its repo, commit and remote URL.</summary>
public sealed record Marker(
    MarkerId Id,
    string File,
    string? Repo,
    string? CommitHash,
    int StartLine,
    int EndLine,
    string Code,
    string? RemoteCodeUrl)
{
    public const int MaxFileLength = 1024;
    public const int MaxCodeLength = 1_000_000;
    public const int MaxUrlLength = 3000;

    public static Marker Create(
        string file, string? repo, string? commitHash, int startLine, int endLine, string? code, string? remoteCodeUrl, DateTimeOffset now)
    {
        if (startLine < 1)
        {
            throw new DomainException("A marker's startLine must be 1 or more.");
        }

        if (endLine < startLine)
        {
            throw new DomainException("A marker's endLine must not be before its startLine.");
        }

        // On Unix, Uri also takes "/etc/passwd" as an absolute (file) URI: only web links are remote code URLs.
        if (remoteCodeUrl is not null
            && !(Uri.TryCreate(remoteCodeUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            throw new DomainException($"'{remoteCodeUrl}' is not an absolute http(s) URL.");
        }

        return new Marker(
            MarkerId.New(now),
            Text.Required(file, "Marker file", MaxFileLength),
            Text.Optional(repo, "Marker repo", MaxFileLength),
            Text.Optional(commitHash, "Marker commitHash", 64),
            startLine,
            endLine,
            Text.Optional(code, "Marker code", MaxCodeLength) ?? string.Empty,
            Text.Optional(remoteCodeUrl, "Marker remoteCodeUrl", MaxUrlLength));
    }

    /// <summary><c>Line 12</c> or <c>Lines 12-20</c>.</summary>
    public string LinesLabel => StartLine == EndLine ? $"Line {StartLine}" : $"Lines {StartLine}-{EndLine}";
}
