using MassTransit;

namespace Attune.ServiceDefaults;

/// <summary>Hands every message published on one member's bus to the <see cref="InProcessBusBridge"/>.</summary>
internal sealed class BridgePublishObserver(InProcessBusBridge bridge, string member) : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    // After the local publish succeeded; a failure here fails the publish, so an outbox retries it (consumers dedupe).
    public Task PostPublish<T>(PublishContext<T> context)
        where T : class => bridge.ForwardAsync(member, context);

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
