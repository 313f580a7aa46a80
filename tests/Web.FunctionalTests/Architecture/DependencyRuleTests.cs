using System.Reflection;
using NetArchTest.Rules;

namespace CodeStream.Integrations.Web.FunctionalTests.Architecture;

/// <summary>
/// The dependency rule of the design: Domain ← Application ← Infrastructure/Web; and inside every layer, the CodeStream
/// core and the shared building blocks know no messaging module (Slack, later Microsoft Teams).
/// </summary>
public sealed class DependencyRuleTests
{
    /// <summary>The core module and the shared building blocks of each layer (everything a messaging module builds on).</summary>
    private const string CoreAndShared =
        @"^CodeStream\.Integrations\.(Domain\.(Core|Common)|Application\.(Core|Common)|Infrastructure\.(Core|Persistence|Security|WorkQueue|Observability)|Web\.(Core|Common|Health))(\.|$)";

    private static readonly Assembly Domain = typeof(Domain.Core.Teams.Team).Assembly;
    private static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Web = typeof(Web.DependencyInjection).Assembly;

    private static readonly string[] MessagingModules =
    [
        "CodeStream.Integrations.Domain.Slack",
        "CodeStream.Integrations.Application.Slack",
        "CodeStream.Integrations.Infrastructure.Slack",
        "CodeStream.Integrations.Web.Slack",
    ];

    [Fact]
    public void CoreAndSharedCode_KnowNoMessagingModule()
    {
        var types = Types.InAssemblies([Domain, Application, Infrastructure, Web]).That().ResideInNamespaceMatching(CoreAndShared);
        Assert.NotEmpty(types.GetTypes());

        var result = types.ShouldNot().HaveDependencyOnAny(MessagingModules).GetResult();

        Assert.True(result.IsSuccessful, "core or shared types that reference a messaging module: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void CoreRuleCheck_CanFail_WhenCodeReferencesAModule()
    {
        // Guards the guard: the Slack module references Slack's domain, so the same rule over it must report that.
        var result = Types.InAssembly(Application).That().ResideInNamespace("CodeStream.Integrations.Application.Slack.Events")
            .ShouldNot().HaveDependencyOnAny(MessagingModules[0]).GetResult();

        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void Domain_DependsOnNoOtherLayerNorPackage()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny(
                "CodeStream.Integrations.Application",
                "CodeStream.Integrations.Infrastructure",
                "CodeStream.Integrations.Web",
                "MediatR",
                "FluentValidation",
                "Dapper",
                "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        Assert.DoesNotContain(Domain.GetReferencedAssemblies(), a => !a.Name!.StartsWith("System", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_DoesNotDependOnInfrastructureOrWebOrDrivers()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny(
                "CodeStream.Integrations.Infrastructure",
                "CodeStream.Integrations.Web",
                "Dapper",
                "Npgsql",
                "Microsoft.Data.Sqlite",
                "Refit",
                "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void DependencyRuleCheck_CanFail_WhenALayerReferencesAForbiddenOne()
    {
        // Guards the guard: the same rule applied to Infrastructure (which may use Dapper) must report it.
        var result = Types.InAssembly(typeof(Infrastructure.DependencyInjection).Assembly).ShouldNot()
            .HaveDependencyOnAny("Dapper")
            .GetResult();

        Assert.False(result.IsSuccessful);
    }
}
