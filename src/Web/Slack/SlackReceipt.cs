namespace CodeStream.Integrations.Web.Slack;

/// <summary>What a verified Slack request or Socket Mode envelope came to, whichever way it arrived.</summary>
internal enum SlackReceiptKind
{
    /// <summary>Taken (stored, or nothing to do): Slack only needs the acknowledgement.</summary>
    Acknowledged,

    /// <summary>Taken, and Slack expects <see cref="SlackReceipt.Json"/> in the answer (a challenge, a modal's response action).</summary>
    Answered,

    /// <summary>Not something this integration accepts; <see cref="SlackReceipt.Detail"/> says why.</summary>
    Refused,
}

/// <summary>The outcome of <see cref="SlackEventIntake"/> or <see cref="SlackInteractionIntake"/>.</summary>
internal readonly record struct SlackReceipt(SlackReceiptKind Kind, string? Json = null, string? Detail = null, int RefusedStatus = StatusCodes.Status400BadRequest)
{
    public static SlackReceipt Acknowledged => new(SlackReceiptKind.Acknowledged);

    public static SlackReceipt Answer(string json) => new(SlackReceiptKind.Answered, Json: json);

    public static SlackReceipt Refuse(string detail, int status = StatusCodes.Status400BadRequest) => new(SlackReceiptKind.Refused, Detail: detail, RefusedStatus: status);

    /// <summary>The answer of a request URL: 200, 200 with the JSON, or the endpoint's own refusal (detail, status).</summary>
    public IResult ToHttpResult(Func<string, int, IResult> refuse) => Kind switch
    {
        SlackReceiptKind.Answered => TypedResults.Text(Json!, "application/json; charset=utf-8"),
        SlackReceiptKind.Refused => refuse(Detail!, RefusedStatus),
        _ => TypedResults.Ok(),
    };
}
