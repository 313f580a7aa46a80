using MediatR;

namespace CodeStream.Integrations.Application.UnitTests.TestDoubles;

/// <summary>
/// A real MediatR mediator over given handler instances, without the pipeline: a flow under test sends its commands
/// and publishes its notifications to real handlers that work on the same substitutes, so the test still sees every
/// repository call. (The pipeline's unit of work has its own tests.)
/// </summary>
internal static class HandlerMediator
{
    public static IMediator Over(params object[] handlers) => new Mediator(type =>
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var matching = handlers.Where(element.IsInstanceOfType).ToArray();
            var array = Array.CreateInstance(element, matching.Length);
            Array.Copy(matching, array, matching.Length);
            return array;
        }

        return handlers.FirstOrDefault(type.IsInstanceOfType)
            ?? throw new InvalidOperationException($"The test gave no handler for {type}.");
    });
}
