using MassTransit;

namespace Attune.Adapter.Consumers;

/// <summary>
/// Every adapter replica must switch models, so each consumes ModelPromoted on its own temporary queue (named with the
/// host name) instead of sharing one; answers and erasures stay on shared queues because their effect is in the shared
/// store. One switch at a time; a trainer that cannot be reached is retried for about a minute.
/// </summary>
public sealed class ModelPromotedConsumerDefinition : ConsumerDefinition<ModelPromotedConsumer>
{
    public ModelPromotedConsumerDefinition()
    {
        ConcurrentMessageLimit = 1;
        Endpoint(e =>
        {
            e.InstanceId = Environment.MachineName.ToLowerInvariant();
            e.Temporary = true;
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ModelPromotedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(40)));
}
