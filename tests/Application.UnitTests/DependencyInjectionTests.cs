using CodeStream.Integrations.Application.Common.Persistence;
using CodeStream.Integrations.Application.Core.Codemarks.CreateCodemark;
using CodeStream.Integrations.Application.Core.Codemarks.DeleteCodemark;
using CodeStream.Integrations.Application.Core.Codemarks.EditCodemark;
using CodeStream.Integrations.Application.Core.Codemarks.GetCodemark;
using CodeStream.Integrations.Application.Core.Persistence;
using CodeStream.Integrations.Application.Core.Replies.AddReply;
using CodeStream.Integrations.Application.Core.Replies.DeleteReply;
using CodeStream.Integrations.Application.Core.Replies.EditReply;
using CodeStream.Integrations.Application.Core.Teams.CreateTeam;
using CodeStream.Integrations.Application.Core.Users.AddUser;
using CodeStream.Integrations.Application.Core.Users.ListTeamUsers;
using CodeStream.Integrations.Application.Slack.Persistence;
using CodeStream.Integrations.Application.UnitTests.TestDoubles;
using CodeStream.Integrations.Domain.Core.Teams;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace CodeStream.Integrations.Application.UnitTests;

public sealed class DependencyInjectionTests
{
    private readonly ITeamRepository _teams = Substitute.For<ITeamRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly List<string> _events = [];

    public DependencyInjectionTests()
    {
        _unitOfWork.When(u => u.BeginAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("begin"));
        _unitOfWork.When(u => u.CommitAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("commit"));
        _unitOfWork.When(u => u.RollbackAsync(Arg.Any<CancellationToken>())).Do(_ => _events.Add("rollback"));
        _teams.When(t => t.AddAsync(Arg.Any<Team>(), Arg.Any<CancellationToken>())).Do(_ => _events.Add("add team"));
    }

    [Fact]
    public async Task AddApplication_WhenCreateTeamHasEmptyName_MediatorThrowsValidationException()
    {
        await using var provider = Build(new ServiceCollection().AddLogging().AddApplication());
        await using var scope = provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var exception = await Assert.ThrowsAsync<ValidationException>(() => mediator.Send(new CreateTeamCommand("")));

        Assert.Equal("Name", Assert.Single(exception.Errors).PropertyName);
        Assert.Empty(_events);
        Assert.Empty(_unitOfWork.ReceivedCalls());
        Assert.Empty(_teams.ReceivedCalls());
    }

    [Fact]
    public async Task AddApplication_WhenCommandIsValid_RunsHandlerInsideTheUnitOfWork()
    {
        await using var provider = Build(new ServiceCollection().AddLogging().AddApplication());
        await using var scope = provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var team = await mediator.Send(new CreateTeamCommand(" Acme "));

        Assert.Equal("Acme", team.Name);
        Assert.Equal(["begin", "add team", "commit"], _events);
    }

    [Fact]
    public async Task AddApplication_WhenValidationFails_LoggingBehaviorSeesTheFailure()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(new ServiceCollection().AddLogging(b => b.AddProvider(logs)).AddApplication());
        await using var scope = provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        await Assert.ThrowsAsync<ValidationException>(() => mediator.Send(new CreateTeamCommand(null)));

        var entry = Assert.Single(logs.Logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("CreateTeamCommand failed after ", entry.Message, StringComparison.Ordinal);
        Assert.EndsWith(" with ValidationException", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddApplication_WhenCalled_RegistersAHandlerForEveryRequest()
    {
        var services = new ServiceCollection().AddLogging().AddApplication();
        var requests = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .Select(t => (Request: t, Response: RequestResponse(t)))
            .Where(x => x.Response is not null)
            .ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, x => Assert.Contains(
            services,
            d => d.ServiceType == typeof(IRequestHandler<,>).MakeGenericType(x.Request, x.Response!)));
    }

    [Theory]
    [InlineData(typeof(CreateTeamCommand))]
    [InlineData(typeof(AddUserCommand))]
    [InlineData(typeof(ListTeamUsersQuery))]
    [InlineData(typeof(CreateCodemarkCommand))]
    [InlineData(typeof(EditCodemarkCommand))]
    [InlineData(typeof(DeleteCodemarkCommand))]
    [InlineData(typeof(GetCodemarkQuery))]
    [InlineData(typeof(AddReplyCommand))]
    [InlineData(typeof(EditReplyCommand))]
    [InlineData(typeof(DeleteReplyCommand))]
    public async Task AddApplication_WhenResolved_HasHandlerAndValidatorForProductApiRequest(Type request)
    {
        await using var provider = Build(new ServiceCollection().AddLogging().AddApplication());
        await using var scope = provider.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetService(typeof(IRequestHandler<,>).MakeGenericType(request, RequestResponse(request)!)));
        Assert.Single(scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(request)));
    }

    [Fact]
    public async Task AddApplication_WhenResolved_UsesSystemClockUnlessOneIsRegistered()
    {
        var clock = Given.Clock();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddLogging().AddApplication();
        await using var provider = Build(services);

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    private static Type? RequestResponse(Type type) =>
        type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
            ?.GetGenericArguments()[0];

    private ServiceProvider Build(IServiceCollection services)
    {
        services.AddSingleton(_teams);
        services.AddSingleton(_unitOfWork);
        services.AddSingleton(Substitute.For<IUserRepository>());
        services.AddSingleton(Substitute.For<ICodemarkRepository>());
        services.AddSingleton(Substitute.For<IReplyRepository>());
        services.AddSingleton(Substitute.For<IReactionRepository>());
        services.AddSingleton(Substitute.For<ISlackShareRepository>());
        services.AddSingleton(Substitute.For<Application.MsTeams.Persistence.IMsTeamsShareRepository>());
        services.AddSingleton(Substitute.For<ISlackIdentityRepository>());
        services.AddSingleton(Substitute.For<CodeStream.Integrations.Application.Common.WorkQueue.IWorkQueue>());
        services.AddSingleton(Substitute.For<CodeStream.Integrations.Application.Common.WorkQueue.IWorkQueueSignal>());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
