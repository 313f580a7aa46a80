using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CodeStream.Integrations.Web.Slack;

/// <summary>
/// The Interactivity request URL (docs/slack-behaviour.md, “Interactivity”): a verified form body whose one field
/// <c>payload</c> holds JSON, handed to <see cref="SlackInteractionIntake"/> (which Socket Mode shares).
/// </summary>
internal static class SlackInteractivityEndpoints
{
    public static IEndpointRouteBuilder MapSlackInteractivityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ProviderActionEndpoints.InteractivityPath, ReceiveAsync)
            .AddEndpointFilter<Common.ProblemDetailsFilter>()
            .AddEndpointFilter<SlackVerificationFilter>();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, SlackInteractionIntake intake)
    {
        if (!http.Request.HasFormContentType)
        {
            return Refuse("The body must be a form (application/x-www-form-urlencoded) with a 'payload' field.", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(http.Features.Get<SlackRequestBody>()!.Bytes));
        if (!form.TryGetValue("payload", out var payloadValues) || payloadValues.Count != 1 || string.IsNullOrEmpty(payloadValues[0]))
        {
            return Refuse("The form has no 'payload' field.");
        }

        return (await intake.ReceiveAsync(Encoding.UTF8.GetBytes(payloadValues[0]!), http.RequestAborted)).ToHttpResult(Refuse);
    }

    private static IResult Refuse(string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(title: "Not a Slack interaction this endpoint accepts.", detail: detail, statusCode: status);
}
