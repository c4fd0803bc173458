using MassTransit;

namespace Attune.Trainer.Consumers;

/// <summary>Queue <c>trainer-user-erased</c>; erasures are retried with backoff (they must not be lost).</summary>
public sealed class UserErasedConsumerDefinition : ConsumerDefinition<UserErasedConsumer>
{
    /// <summary>Names the endpoint; erasures are rare, one at a time is plenty.</summary>
    public UserErasedConsumerDefinition()
    {
        EndpointName = "trainer-user-erased";
        ConcurrentMessageLimit = 1;
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<UserErasedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500)));
}
