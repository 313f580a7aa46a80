using System.Security.Cryptography;
using System.Text;
using CodeStream.Integrations.Application.MsTeams.Activities;
using CodeStream.Integrations.Application.MsTeams.Activities.AcceptTeamsActivity;
using CodeStream.Integrations.Application.MsTeams.Common;
using CodeStream.Integrations.Web.Common;
using MediatR;

namespace CodeStream.Integrations.Web.MsTeams;

/// <summary>
/// The Azure bot's messaging endpoint, <c>POST /no-auth/provider-action/msteams</c> (docs/msteams.md, "Activities"):
/// every activity authenticated before it is parsed or stored (<see cref="TeamsTokenValidator"/>), then stored in the
/// inbox and answered 200 at once. Refused: 401 (token) or 400/413 (body), with a reason and nothing stored.
/// </summary>
internal static class TeamsActivityEndpoint
{
    public const string Path = "/no-auth/provider-action/msteams";
    private const int MaxBodyBytes = 256 * 1024;
    private const int MaxKeyLength = 400;
    private const string TeamsChannel = "msteams";
    private static readonly TimeSpan BodyDeadline = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapTeamsActivityEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).AddEndpointFilter<ProblemDetailsFilter>().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, TeamsTokenValidator tokens, MsTeamsSettings settings, Infrastructure.MsTeams.MsTeamsOptions options, IMediator mediator)
    {
        if (settings.Disabled)
        {
            return TypedResults.NotFound();
        }

        if (!settings.Configured)
        {
            return TypedResults.Problem(title: "Microsoft Teams is not configured on this server.", detail: MsTeamsUnavailableException.NotConfigured().Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        TeamsTokenCheck check;
        try
        {
            check = await tokens.ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, http.RequestAborted);
        }
        catch (InvalidOperationException)
        {
            // The Bot Framework's keys could not be read: our outage, not the caller's fault; Teams tries again.
            return TypedResults.Problem(title: "The Bot Framework's signing keys are unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!check.IsValid)
        {
            return Unauthorized(check.Reason!);
        }

        var (outcome, body) = await RequestBodyReader.ReadAsync(http, MaxBodyBytes, BodyDeadline);
        if (outcome != BodyRead.Complete)
        {
            return outcome == BodyRead.TooLarge
                ? TypedResults.Problem(title: "The activity is too large.", detail: $"At most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge)
                : BadRequest("The activity did not arrive in time.");
        }

        if (Inspect(body) is not { } activity)
        {
            return BadRequest("The body must be a UTF-8 JSON activity with type, id, channelId and serviceUrl.");
        }

        if (!string.Equals(check.ServiceUrl, activity.ServiceUrl, StringComparison.Ordinal))
        {
            return Unauthorized("The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        // Only Teams: other channels (Web Chat, Direct Line) let their clients write from, text and channel data.
        if (activity.ChannelId != TeamsChannel)
        {
            return Unauthorized("Only activities from the Microsoft Teams channel are accepted.");
        }

        if (!check.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return Unauthorized($"The signing key is not endorsed for the channel '{activity.ChannelId}'.");
        }

        // A single-tenant bot: activities of another tenant's teams (or guests' home tenants) are not ours to store.
        if (activity.TenantId is { } tenant && !string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("The activity comes from another tenant than this bot's.");
        }

        await mediator.Send(new AcceptTeamsActivityCommand(activity.Key, Encoding.UTF8.GetString(body)), http.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary>
    /// The fields checked before storing, and the inbox key: an activity's id is reused by the edits and the delete
    /// of its message, so the type (and an edit's time) is part of the key; a redelivery has the same key.
    /// </summary>
    private static InspectedActivity? Inspect(byte[] body)
    {
        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        if (TeamsActivity.TryParse(json) is not
            {
                Type: { Length: > 0 and <= 64 } type,
                Id: { Length: > 0 and <= 256 } id,
                ChannelId: { Length: > 0 and <= 64 } channelId,
                ServiceUrl: { Length: > 0 and <= 512 } serviceUrl,
            } activity)
        {
            return null;
        }

        var when = type == "messageUpdate" ? activity.Timestamp ?? activity.LocalTimestamp : null;
        var key = $"{type}:{activity.ConversationId}:{id}{(when is null ? string.Empty : ":" + when)}";
        if (!IsPlainText(key))
        {
            return null; // NUL, other controls or a lone surrogate: no id Teams makes, and no text a database stores
        }

        return new InspectedActivity(
            key.Length <= MaxKeyLength ? key : $"{type}:sha256:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}",
            channelId,
            serviceUrl,
            activity.TenantId);
    }

    private static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) || (char.IsSurrogate(text[i]) && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[++i]))))
            {
                return false;
            }
        }

        return true;
    }

    private static IResult Unauthorized(string reason) =>
        TypedResults.Problem(title: "Unauthorized.", detail: reason, statusCode: StatusCodes.Status401Unauthorized);

    private static IResult BadRequest(string reason) =>
        TypedResults.Problem(title: "Not an activity this endpoint accepts.", detail: reason, statusCode: StatusCodes.Status400BadRequest);

    private sealed record InspectedActivity(string Key, string ChannelId, string ServiceUrl, string? TenantId);
}
