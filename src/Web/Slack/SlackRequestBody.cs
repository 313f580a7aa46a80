namespace CodeStream.Integrations.Web.Slack;

/// <summary>The raw body of a verified Slack request, read once by the verification filter.</summary>
internal sealed record SlackRequestBody(byte[] Bytes);
