using System.Reflection;
using NetArchTest.Rules;

namespace CodeStream.Integrations.Web.FunctionalTests.Architecture;

/// <summary>The dependency rule of the design: Domain ← Application ← Infrastructure/Web.</summary>
public sealed class DependencyRuleTests
{
    private static readonly Assembly Domain = typeof(Domain.Core.Teams.Team).Assembly;
    private static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;

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
