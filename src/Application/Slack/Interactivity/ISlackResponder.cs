namespace CodeStream.Integrations.Application.Slack.Interactivity;

/// <summary>Answers a Slack interaction later through its <c>response_url</c> (an ephemeral message to the clicking user).</summary>
public interface ISlackResponder
{
    Task PostEphemeralAsync(Uri responseUrl, string text, CancellationToken cancellationToken);
}
