using CodeStream.Integrations.Application.Common.Behaviors;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CodeStream.Integrations.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers MediatR 5.1.0 by hand (its <see cref="ServiceFactory"/> over this container), every handler and
    /// validator of this assembly, and the pipeline: logging → validation → unit of work.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = typeof(DependencyInjection).Assembly;

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan
            .FromAssemblies(assembly)
            .AddClasses(classes => classes.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());
        services.AddScoped<Slack.Common.SlackTokenService>();
        services.AddScoped<Slack.Common.SlackBotTokens>();
        services.AddSingleton<Common.Messaging.DetachedCommands>();
        services.TryAddSingleton<Slack.Common.SlackExpiredTokens>();
        services.AddScoped<Slack.Events.SlackMessageDispatcher>();
        services.AddScoped<Slack.Sharing.SlackMentionResolver>();
        services.AddScoped<Slack.Sharing.SlackConversationNamer>();
        services.AddScoped<Core.Codemarks.GetCodemark.IProviderCopies, Slack.Sharing.SlackCopies>();
        services.AddSingleton<Slack.Identity.SlackPeopleCache>();
        services.AddSingleton<Slack.Identity.SlackProfileCache>();
        services.AddScoped<Slack.Identity.SlackAuthorResolver>();
        services.AddScoped<Slack.Identity.SlackTextReader>();
        services.AddScoped<Common.WorkQueue.IWorkItemHandler, Slack.Events.SlackEventWorkHandler>();
        services.AddScoped<Common.WorkQueue.IWorkItemHandler, Slack.Interactivity.SubmitReplyModal.ModalReplyWorkHandler>();
        services.AddScoped<Common.WorkQueue.IWorkItemHandler, Slack.Sync.SlackSyncWorkHandler>();
        services.AddScoped<Common.WorkQueue.IWorkItemHandler, Slack.Resync.ResyncThreads.SlackResyncWorkHandler>();
        services.AddSingleton<Slack.Resync.ResyncThreads.SlackResyncMetrics>();
        services.AddScoped<Core.Codemarks.GetCodemark.IProviderCopies, MsTeams.Sharing.TeamsCopies>();
        services.AddScoped<MsTeams.Identity.TeamsAuthorResolver>();
        services.AddScoped<MsTeams.Activities.IngestTeamsReply.TeamsMessageText>();
        services.AddScoped<Common.WorkQueue.IWorkItemHandler, MsTeams.Activities.TeamsActivityWorkHandler>();
        services.AddScoped<Common.WorkQueue.IWorkItemHandler, MsTeams.Sync.TeamsSyncWorkHandler>();
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        // MediatR 5 runs behaviours in registration order, the first one outermost.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));
        return services;
    }
}
