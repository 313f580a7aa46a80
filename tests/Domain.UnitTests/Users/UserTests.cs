using CodeStream.Integrations.Domain.Common;
using CodeStream.Integrations.Domain.Core.Teams;
using CodeStream.Integrations.Domain.Core.Users;
using CodeStream.Integrations.Domain.Slack;

namespace CodeStream.Integrations.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TeamId Team = TeamId.Parse("team_01");
    private static readonly SlackIdentity Identity = new(SlackTeamId.Parse("T012AB3C4"), SlackUserId.Parse("U045DE6F7"));

    [Fact]
    public void CreateRegistered_WhenValid_TrimsAndIsNotFaux()
    {
        var user = User.CreateRegistered(Team, " ada@example.com ", " ada ", " Ada Lovelace ", Now);

        Assert.StartsWith("user_", user.Id.Value, StringComparison.Ordinal);
        Assert.Equal(Team, user.TeamId);
        Assert.Equal("ada@example.com", user.Email);
        Assert.Equal("ada", user.Username);
        Assert.Equal("Ada Lovelace", user.FullName);
        Assert.Null(user.TimeZone);
        Assert.Null(user.ExternalUserId);
        Assert.False(user.IsFaux);
        Assert.Equal(Now, user.CreatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ada.example.com")]
    public void CreateRegistered_WhenEmailIsBlankOrHasNoAt_Throws(string? email) =>
        Assert.Throws<DomainException>(() => User.CreateRegistered(Team, email!, "ada", "Ada", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void CreateRegistered_WhenUsernameIsBlank_Throws(string? username) =>
        Assert.Throws<DomainException>(() => User.CreateRegistered(Team, "ada@example.com", username!, "Ada", Now));

    [Fact]
    public void CreateRegistered_WhenEmailIsTooLong_Throws() =>
        Assert.Throws<DomainException>(() =>
            User.CreateRegistered(Team, new string('a', User.MaxEmailLength) + "@x.io", "ada", "Ada", Now));

    [Fact]
    public void CreateRegistered_WhenFullNameIsTooLong_Throws() =>
        Assert.Throws<DomainException>(() =>
            User.CreateRegistered(Team, "ada@example.com", "ada", new string('a', User.MaxNameLength + 1), Now));

    [Fact]
    public void CreateRegistered_WhenFullNameIsEmpty_DisplayNameIsUsername()
    {
        var user = User.CreateRegistered(Team, "ada@example.com", "ada", "", Now);

        Assert.Equal(string.Empty, user.FullName);
        Assert.Equal("ada", user.DisplayName);
    }

    [Fact]
    public void DisplayName_WhenFullNameGiven_IsFullName() =>
        Assert.Equal("Ada Lovelace", User.CreateRegistered(Team, "ada@example.com", "ada", "Ada Lovelace", Now).DisplayName);

    [Fact]
    public void CreateFaux_WhenCreated_IsFauxWithExternalIdOfTeamAndSlackUser()
    {
        var user = User.CreateFaux(Team, Identity.FauxExternalUserId(Team), " grace@example.com ", " grace ", " Grace Hopper ", "Europe/Paris", Now);

        Assert.True(user.IsFaux);
        Assert.Equal("slack::team_01::T012AB3C4::U045DE6F7", user.ExternalUserId);
        Assert.Equal("grace@example.com", user.Email);
        Assert.Equal("grace", user.Username);
        Assert.Equal("Grace Hopper", user.FullName);
        Assert.Equal("Europe/Paris", user.TimeZone);
        Assert.Equal(Team, user.TeamId);
        Assert.Equal(Now, user.CreatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CreateFaux_WhenEmailIsBlank_HasNoEmail(string? email)
    {
        var user = User.CreateFaux(Team, Identity.FauxExternalUserId(Team), email, "grace", "Grace", timeZone: null, Now);

        Assert.Null(user.Email);
        Assert.False(user.HasEmail(email));
    }

    [Fact]
    public void CreateFaux_WhenUsernameIsBlank_Throws() =>
        Assert.Throws<DomainException>(() => User.CreateFaux(Team, Identity.FauxExternalUserId(Team), null, " ", "Grace", null, Now));

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("ADA@EXAMPLE.COM")]
    [InlineData("Ada@Example.Com")]
    [InlineData("  ada@example.com ")]
    public void HasEmail_WhenSameAddressInAnyCase_ReturnsTrue(string email) =>
        Assert.True(User.CreateRegistered(Team, "Ada@example.com", "ada", "Ada", Now).HasEmail(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("grace@example.com")]
    [InlineData("ada@example.org")]
    public void HasEmail_WhenDifferentOrMissing_ReturnsFalse(string? email) =>
        Assert.False(User.CreateRegistered(Team, "ada@example.com", "ada", "Ada", Now).HasEmail(email));
}
