using System.Reflection;
using CodeStream.Integrations.Application.Common.Messaging;
using MediatR;
using NetArchTest.Rules;

namespace CodeStream.Integrations.Web.FunctionalTests.Architecture;

/// <summary>
/// The one transaction rule (ADR 1): every request is a command, a query or a flow; only the pipeline opens a unit of
/// work (for commands); a command's handler calls no remote service, so no transaction waits on the network. Writes a
/// query or flow attempts outside a command are refused at run time by the unit of work itself.
/// </summary>
public sealed class TransactionRuleTests
{
    private static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;

    private static readonly Type[] Kinds = [typeof(ICommand<>), typeof(IQuery<>), typeof(IFlow<>)];

    /// <summary>What reaches Slack (or any remote service) from the Application layer.</summary>
    private static readonly string[] RemotePorts =
    [
        "CodeStream.Integrations.Application.Slack.Common.ISlackGateway",
        "CodeStream.Integrations.Application.Slack.Common.SlackTokenService",
        "CodeStream.Integrations.Application.Slack.Interactivity.ISlackResponder",
        "CodeStream.Integrations.Application.Slack.Identity.SlackProfileCache",
        "CodeStream.Integrations.Application.Slack.Identity.SlackAuthorResolver",
        "CodeStream.Integrations.Application.Slack.Identity.SlackTextReader",
        "CodeStream.Integrations.Application.Slack.Sharing.SlackMentionResolver",
    ];

    [Fact]
    public void EveryRequest_IsExactlyOneOfCommandQueryOrFlow()
    {
        var requests = Application.GetTypes().Where(t => !t.IsAbstract && !t.IsInterface && Implements(t, typeof(IRequest<>))).ToList();
        Assert.NotEmpty(requests);

        var wrong = requests.Where(t => Kinds.Count(kind => Implements(t, kind)) != 1).Select(t => t.FullName).ToList();

        Assert.True(wrong.Count == 0, "requests that are not exactly one of ICommand, IQuery, IFlow: " + string.Join(", ", wrong));
    }

    [Fact]
    public void NoHandler_OpensItsOwnTransaction()
    {
        var result = Types.InAssembly(Application)
            .That().DoNotHaveNameStartingWith("UnitOfWorkBehavior")
            .And().DoNotResideInNamespace("CodeStream.Integrations.Application.Common.Persistence")
            .ShouldNot().HaveDependencyOnAny(
                "CodeStream.Integrations.Application.Common.Persistence.IUnitOfWork",
                "CodeStream.Integrations.Application.Common.Persistence.IUnitOfWorkExtensions")
            .GetResult();

        Assert.True(result.IsSuccessful, "types that open their own transaction: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void CommandHandlers_CallNoRemoteService()
    {
        var commandHandlers = HandlersOf(typeof(ICommand<>)).ToList();
        Assert.NotEmpty(commandHandlers);

        var offenders = commandHandlers
            .Where(h => Types.InAssembly(Application).That().HaveName(h.Name).Should().HaveDependencyOnAny(RemotePorts).GetResult().IsSuccessful)
            .Select(h => h.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, "command handlers that call a remote service inside their transaction: " + string.Join(", ", offenders));
    }

    [Fact]
    public void TransactionRuleChecks_CanFail()
    {
        // Guards the guards: the pipeline behaviour does depend on the unit of work, and a flow does call Slack.
        Assert.False(Types.InAssembly(Application).That().HaveNameStartingWith("UnitOfWorkBehavior")
            .ShouldNot().HaveDependencyOn("CodeStream.Integrations.Application.Common.Persistence.IUnitOfWork").GetResult().IsSuccessful);
        Assert.Contains(HandlersOf(typeof(IFlow<>)), h =>
            Types.InAssembly(Application).That().HaveName(h.Name).Should().HaveDependencyOnAny(RemotePorts).GetResult().IsSuccessful);
    }

    /// <summary>Handler classes of requests of one kind.</summary>
    private static IEnumerable<Type> HandlersOf(Type kind) =>
        Application.GetTypes().Where(t => !t.IsAbstract && t.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) && Implements(i.GetGenericArguments()[0], kind)));

    private static bool Implements(Type type, Type openGeneric) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openGeneric);
}
