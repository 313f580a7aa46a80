using CodeStream.Integrations.Infrastructure.Persistence;
using Npgsql;

namespace CodeStream.Integrations.Infrastructure.IntegrationTests.Persistence;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Defaults_PrepareRepeatedStatements_AndSkipTheResetRoundTrip()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            PostgresConnectionFactory.WithQueryDefaults("Host=db.example;Username=cs;Password=secret;Database=codestream"));

        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("db.example", settings.Host);
        Assert.Equal("secret", settings.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    public void AnOperatorsOwnSettings_Win(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresConnectionFactory.WithQueryDefaults(connectionString));

        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
    }
}
