using System.Xml.Linq;
using CodeStream.Integrations.Infrastructure.Persistence;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace CodeStream.Integrations.Infrastructure.Security;

/// <summary>
/// The Data Protection key ring in the <c>data_protection_keys</c> table. Data Protection asks synchronously and
/// rarely (at start and when its cached ring expires), so the async calls are waited for off the caller's context.
/// On first read, keys still in the folder an earlier version kept them in are copied in once, so tokens they
/// encrypted stay readable.
/// </summary>
internal sealed partial class DatabaseKeyRepository(
    IDbConnectionFactory database, DirectoryInfo? legacyFolder, TimeProvider clock, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    private const string SelectSql = "SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name";

    private const string InsertSql = """
        INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@FriendlyName, @Xml, @CreatedAt) ON CONFLICT DO NOTHING
        """;

    private int _imported;

    public IReadOnlyCollection<XElement> GetAllElements() => Wait(async () =>
    {
        if (Interlocked.Exchange(ref _imported, 1) == 0)
        {
            await ImportLegacyFolderAsync().ConfigureAwait(false);
        }

        await using var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(SelectSql).ConfigureAwait(false);
        return (IReadOnlyCollection<XElement>)[.. rows.Select(XElement.Parse)];
    });

    public void StoreElement(XElement element, string friendlyName) => Wait(() => InsertAsync(element.ToString(SaveOptions.DisableFormatting), friendlyName));

    // A write on a connection of its own takes its turn like any lone write (on SQLite it then finds the write lock
    // free: an open group commit is committed first).
    private Task<int> InsertAsync(string xml, string friendlyName) => database.WriteGate.WriteAsync(
        WritePriority.Urgent,
        async () =>
        {
            await using var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            return await connection.ExecuteAsync(
                InsertSql, new { FriendlyName = friendlyName, Xml = xml, CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
        },
        CancellationToken.None);

    private async Task ImportLegacyFolderAsync()
    {
        if (legacyFolder is not { Exists: true })
        {
            return;
        }

        var copied = 0;
        foreach (var file in legacyFolder.EnumerateFiles("key-*.xml"))
        {
            copied += await InsertAsync(XElement.Load(file.FullName).ToString(SaveOptions.DisableFormatting), Path.GetFileNameWithoutExtension(file.Name)).ConfigureAwait(false);
        }

        if (copied > 0)
        {
            LogImported(logger, copied, legacyFolder.FullName);
        }
    }

    private static T Wait<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Copied {Count} Data Protection key(s) from {Folder} into the database")]
    private static partial void LogImported(ILogger logger, int count, string folder);
}
