using MassTransit;

namespace Attune.Trainer.Consumers;

/// <summary>Queue <c>trainer-train-model</c>, one command at a time; store errors are retried a few times.</summary>
public sealed class TrainModelConsumerDefinition : ConsumerDefinition<TrainModelConsumer>
{
    /// <summary>Names the endpoint and serializes commands.</summary>
    public TrainModelConsumerDefinition()
    {
        EndpointName = "trainer-train-model";
        ConcurrentMessageLimit = 1;
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TrainModelConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)));
}
