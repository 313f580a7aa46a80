using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeStream.Integrations.TestSupport.Slack;

/// <summary>users.info, users.lookupByEmail and users.profile.set.</summary>
internal static class UserMethods
{
    private const int MaxStatusTextLength = 100;

    public static void Register(SlackMethodDispatcher dispatcher)
    {
        dispatcher.Add("users.info", Info);
        dispatcher.Add("users.lookupByEmail", LookupByEmail);
        dispatcher.Add("users.profile.set", ProfileSet);
    }

    private static JsonObject Info(SlackCall call)
    {
        call.RequireScope("users:read");
        var user = call.FindUser(call.Arg("user")) ?? throw new SlackApiException("user_not_found");
        return new JsonObject { ["user"] = SlackJson.User(call.State, user, includeEmail: call.Token.Has("users:read.email")) };
    }

    private static JsonObject LookupByEmail(SlackCall call)
    {
        call.RequireScope("users:read.email");
        var email = call.Required("email", "invalid_arguments");
        var user = call.State.Users.Values.FirstOrDefault(u =>
                u.TeamId == call.Token.TeamId && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))
            ?? throw new SlackApiException("users_not_found");
        return new JsonObject { ["user"] = SlackJson.User(call.State, user, includeEmail: true) };
    }

    /// <summary>Stores <c>status_text</c>, <c>status_emoji</c> and <c>status_expiration</c>; other profile fields are ignored.</summary>
    private static JsonObject ProfileSet(SlackCall call)
    {
        call.RequireScope("users.profile:write");
        if (call.Token.IsBot)
        {
            throw new SlackApiException("not_allowed_token_type");
        }

        if (call.Arg("user") is { } target && target != call.Actor)
        {
            throw new SlackApiException("cannot_update_admin_user");
        }

        var profile = call.ParseJsonArg<JsonObject>("profile", "invalid_profile") ?? new JsonObject();
        if (call.Arg("name") is { } name)
        {
            profile[name] = call.Arg("value") ?? "";
        }

        if (profile.Count == 0)
        {
            throw new SlackApiException("invalid_profile");
        }

        var user = call.State.Users[call.Actor];
        var text = StringField(profile, "status_text") ?? user.StatusText;
        if (text.Length > MaxStatusTextLength)
        {
            throw new SlackApiException("too_long");
        }

        user.StatusText = text;
        user.StatusEmoji = StringField(profile, "status_emoji") ?? user.StatusEmoji;
        user.StatusExpiration = Expiration(profile) ?? user.StatusExpiration;
        return new JsonObject { ["profile"] = SlackJson.Profile(call.State, user, includeEmail: true) };
    }

    private static string? StringField(JsonObject profile, string name) => profile[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new SlackApiException("invalid_profile"),
    };

    private static long? Expiration(JsonObject profile) => profile["status_expiration"] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<long>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new SlackApiException("invalid_profile"),
    };
}
