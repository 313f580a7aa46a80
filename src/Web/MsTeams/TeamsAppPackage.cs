using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.Web.MsTeams;

/// <summary>
/// The Teams app package for this host, to upload in Teams ("Apps → Manage your apps → Upload an app"): a zip of
/// <c>manifest.json</c> (schema v1.22, the current one; the bot in teams and group chats, resource-specific consent to read channel
/// messages without an @mention) and its two icons. Everything derives from the bot's app id and the public origin,
/// and the bytes are the same for the same input, so a re-download never looks like a new app.
/// </summary>
internal static class TeamsAppPackage
{
    public const string FileName = "codestream-teams-app.zip";
    public const string ManifestSchema = "https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json";

    private const int MaxShortName = 30;
    private const int MaxFullName = 100;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Zip entries carry a time; a fixed one keeps the package's bytes stable.
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Build(string botAppId, Uri publicOrigin, string appName = "CodeStream")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(botAppId);
        ArgumentNullException.ThrowIfNull(publicOrigin);
        if (!publicOrigin.IsAbsoluteUri)
        {
            throw new ArgumentException("The public origin must be an absolute URL.", nameof(publicOrigin));
        }

        var manifest = Encoding.UTF8.GetBytes(Manifest(botAppId.Trim(), publicOrigin, appName).ToJsonString(Indented));
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "manifest.json", manifest);
            Add(archive, "color.png", TeamsAppIcons.Color());
            Add(archive, "outline.png", TeamsAppIcons.Outline());
        }

        return zip.ToArray();
    }

    /// <summary>The manifest (exposed for tests and for showing it on the setup page).</summary>
    public static JsonObject Manifest(string botAppId, Uri publicOrigin, string appName = "CodeStream")
    {
        var name = string.IsNullOrWhiteSpace(appName) ? "CodeStream" : appName.Trim();
        var baseUrl = HttpsBase(publicOrigin);
        return new JsonObject
        {
            ["$schema"] = ManifestSchema,
            ["manifestVersion"] = "1.22",
            ["version"] = "1.0.0",
            ["id"] = AppId(botAppId),
            ["developer"] = new JsonObject
            {
                ["name"] = "CodeStream",
                ["websiteUrl"] = baseUrl,
                ["privacyUrl"] = baseUrl + "privacy",
                ["termsOfUseUrl"] = baseUrl + "terms",
            },
            ["name"] = new JsonObject
            {
                ["short"] = Cut(name, MaxShortName),
                ["full"] = Cut(name + " for Microsoft Teams", MaxFullName),
            },
            ["description"] = new JsonObject
            {
                ["short"] = "Discuss code from CodeStream in Teams: share codemarks, reply in threads.",
                ["full"] = "Share CodeStream codemarks (comments, issues and questions anchored to code) into Teams channels. "
                    + "Replies in the channel thread appear in CodeStream, and replies in CodeStream appear in the thread.",
            },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = "#1A1D21",
            ["bots"] = new JsonArray(new JsonObject
            {
                ["botId"] = botAppId,
                ["scopes"] = new JsonArray("team", "groupChat"),
                ["supportsFiles"] = false,
                ["isNotificationOnly"] = false,
            }),
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray(publicOrigin.Host),
            ["webApplicationInfo"] = new JsonObject
            {
                ["id"] = botAppId,
                ["resource"] = "api://botid-" + botAppId,
            },
            ["authorization"] = new JsonObject
            {
                ["permissions"] = new JsonObject
                {
                    ["resourceSpecific"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "ChannelMessage.Read.Group",
                        ["type"] = "Application",
                    }),
                },
            },
        };
    }

    /// <summary>
    /// The app's id: the bot's app id when it is a GUID (the usual Entra app id), else a GUID made from it with
    /// SHA-256 (RFC 4122 version 8 bits), the same every time.
    /// </summary>
    public static string AppId(string botAppId)
    {
        if (Guid.TryParse(botAppId, out var guid))
        {
            return guid.ToString("D");
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("codestream-teams-app:" + botAppId), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>The origin's URL ending with <c>/</c>, as https: Teams accepts no other links in a manifest.</summary>
    private static string HttpsBase(Uri origin)
    {
        var builder = new UriBuilder(origin) { Query = string.Empty, Fragment = string.Empty };
        if (!string.Equals(builder.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            var defaultPort = builder.Port is 80 or -1;
            builder.Scheme = Uri.UriSchemeHttps;
            builder.Port = defaultPort ? -1 : builder.Port;
        }

        var url = builder.Uri.AbsoluteUri;
        return url.EndsWith('/') ? url : url + "/";
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static void Add(ZipArchive archive, string name, byte[] content)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
