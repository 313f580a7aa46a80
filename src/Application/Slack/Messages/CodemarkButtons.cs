using CodeStream.Integrations.Application.Slack.Formatting;
using CodeStream.Integrations.Application.Slack.Interactivity;
using CodeStream.Integrations.Domain.Core.Codemarks;

namespace CodeStream.Integrations.Application.Slack.Messages;

/// <summary>A shared card's buttons: "Open in IDE", "Open on GitHub…", and their action ids, unique within the message.</summary>
internal static class CodemarkButtons
{
    public readonly record struct ButtonSpec(string Text, string Url, string ActionId);

    public static ButtonSpec? IdeButton(BlockWriter writer, Marker marker, int index, string baseUrl, string codemarkId, string teamId)
    {
        var markerId = marker.Id.Value ?? string.Empty;
        var url = string.Concat(baseUrl, "codemark/", Uri.EscapeDataString(codemarkId), "/ide?markerId=", Uri.EscapeDataString(markerId));
        if (url.Length > BlockKitLimits.MaxButtonUrl)
        {
            return null;
        }

        var actionId = ClaimActionId(writer, "ide", null, codemarkId, teamId, markerId, index);
        return actionId is null ? null : new ButtonSpec("Open in IDE", url, actionId);
    }

    public static ButtonSpec? ExternalButton(BlockWriter writer, Marker marker, int index, string codemarkId, string teamId)
    {
        var remote = marker.RemoteCodeUrl;
        if (string.IsNullOrWhiteSpace(remote)
            || remote.Length > BlockKitLimits.MaxButtonUrl
            || !Uri.TryCreate(remote, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var url = uri.AbsoluteUri;
        if (url.Length > BlockKitLimits.MaxButtonUrl || SlackText.HasLoneSurrogate(url))
        {
            return null;
        }

        var (text, provider) = RemoteProvider(uri.Host);
        var actionId = ClaimActionId(writer, "external", provider, codemarkId, teamId, marker.Id.Value ?? string.Empty, index);
        return actionId is null ? null : new ButtonSpec(text, url, actionId);
    }

    private static (string Text, string Provider) RemoteProvider(string host)
    {
        if (IsHost(host, "github.com"))
        {
            return ("Open on GitHub", "github");
        }

        if (IsHost(host, "gitlab.com") || host.StartsWith("gitlab.", StringComparison.OrdinalIgnoreCase))
        {
            return ("Open on GitLab", "gitlab");
        }

        if (IsHost(host, "bitbucket.org"))
        {
            return ("Open on Bitbucket", "bitbucket");
        }

        if (IsHost(host, "dev.azure.com") || IsHost(host, "visualstudio.com"))
        {
            return ("Open on Azure DevOps", "azuredevops");
        }

        return ("Open Code", "other");
    }

    private static bool IsHost(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[^(domain.Length + 1)] == '.');

    /// <summary>
    /// A compact-JSON action id (<c>{"linkType":…,"eP":…,"cId":…,"tId":…,"mId":…}</c>) claimed for this message. When
    /// over 255 characters it drops <c>tId</c>, then names the marker by index; when taken it gets a number.
    /// </summary>
    public static string? ClaimActionId(
        BlockWriter writer, string linkType, string? provider, string codemarkId, string teamId, string? markerId, int markerIndex)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (attempt > 0 && markerId is null)
            {
                break;
            }

            var actionId = ReplyButtonAction.Format(linkType, provider, codemarkId, attempt == 0 ? teamId : null, attempt < 2 ? markerId : null, markerIndex, 0);
            if (actionId.Length > BlockKitLimits.MaxActionId)
            {
                continue;
            }

            if (writer.TryClaimActionId(actionId))
            {
                return actionId;
            }

            for (var number = 2; number < 10_000; number++)
            {
                var numbered = ReplyButtonAction.Format(linkType, provider, codemarkId, attempt == 0 ? teamId : null, attempt < 2 ? markerId : null, markerIndex, number);
                if (numbered.Length > BlockKitLimits.MaxActionId)
                {
                    break;
                }

                if (writer.TryClaimActionId(numbered))
                {
                    return numbered;
                }
            }
        }

        return null;
    }
}
