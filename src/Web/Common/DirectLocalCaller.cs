using System.Net;

namespace CodeStream.Integrations.Web.Common;

/// <summary>
/// A caller on this machine that reached the host without any relay: loopback on both ends of the connection, no
/// forwarding header (nor the <c>X-Original-*</c> copies ASP.NET's forwarded-headers middleware leaves when it rewrites
/// the remote address), and a <c>Host</c> that names loopback — which a DNS-rebinding page cannot send.
/// </summary>
internal static class DirectLocalCaller
{
    private static readonly string[] RelayHeaders =
    [
        "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Original-For", "X-Original-Host", "X-Original-Proto",
    ];

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static bool Is(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && http.Connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local)
        && !Array.Exists(RelayHeaders, http.Request.Headers.ContainsKey)
        && LoopbackHosts.Contains(http.Request.Host.Host, StringComparer.OrdinalIgnoreCase);
}
