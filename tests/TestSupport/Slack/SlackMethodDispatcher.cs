using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>
/// The method table: authenticates the token like Slack (<c>not_authed</c>, <c>invalid_auth</c>, <c>token_revoked</c>,
/// <c>token_expired</c>), runs the handler and renders <c>{"ok":true,...}</c> or <c>{"ok":false,"error":...}</c>.
/// Called under the state lock.
/// </summary>
internal sealed class SlackMethodDispatcher
{
    private readonly Dictionary<string, (Func<SlackCall, JsonObject> Handler, bool NeedsToken)> _methods = new(StringComparer.Ordinal);

    public SlackMethodDispatcher()
    {
        OAuthMethods.Register(this);
        ChatMethods.Register(this);
        ConversationMethods.Register(this);
        UserMethods.Register(this);
        ViewMethods.Register(this);
    }

    public IEnumerable<string> Methods => _methods.Keys;

    public void Add(string method, Func<SlackCall, JsonObject> handler, bool needsToken = true) =>
        _methods.Add(method, (handler, needsToken));

    public SlackHttpResponse Invoke(FakeSlackState state, SlackRequest request)
    {
        try
        {
            if (!_methods.TryGetValue(request.Method, out var method))
            {
                throw new SlackApiException("unknown_method", new JsonObject { ["req_method"] = request.Method });
            }

            if (request.BodyError is not null)
            {
                throw new SlackApiException(request.BodyError);
            }

            var token = method.NeedsToken ? Authenticate(state, request.Token) : null;
            var body = method.Handler(new SlackCall(state, request, token));
            body.Insert(0, "ok", true);
            return SlackHttpResponse.Json(200, body);
        }
        catch (SlackApiException e)
        {
            return SlackHttpResponse.Json(200, e.ToJson());
        }
    }

    private static TokenRecord Authenticate(FakeSlackState state, string? token)
    {
        if (token is null)
        {
            throw new SlackApiException("not_authed");
        }

        if (!state.Tokens.TryGetValue(token, out var record))
        {
            throw new SlackApiException("invalid_auth");
        }

        if (record.Status == TokenStatus.Active && record.ExpiresAt <= state.Now)
        {
            record.Status = TokenStatus.Expired;
        }

        return record.Status switch
        {
            TokenStatus.Revoked => throw new SlackApiException("token_revoked"),
            TokenStatus.Expired => throw new SlackApiException("token_expired"),
            _ => record,
        };
    }
}
