using MassTransit;

namespace Attune.Adapter.Consumers;

/// <summary>
/// One message at a time (the refits are serialized by <see cref="Domain.ProfileBook"/> anyway, and this keeps a user's
/// answers in queue order); a busy or briefly unavailable store is retried a few times before the error queue.
/// </summary>
public sealed class FeedbackRecordedConsumerDefinition : ConsumerDefinition<FeedbackRecordedConsumer>
{
    public FeedbackRecordedConsumerDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<FeedbackRecordedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
}
