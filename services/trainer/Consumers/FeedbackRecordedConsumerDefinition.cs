using MassTransit;

namespace Attune.Trainer.Consumers;

/// <summary>
/// Queue <c>trainer-feedback-recorded</c> (named per service, so another service's consumer of the same event gets its
/// own copy instead of competing for this queue); store outages are retried with backoff before the message faults.
/// </summary>
public sealed class FeedbackRecordedConsumerDefinition : ConsumerDefinition<FeedbackRecordedConsumer>
{
    /// <summary>Names the endpoint and caps concurrency (SQLite has one writer anyway).</summary>
    public FeedbackRecordedConsumerDefinition()
    {
        EndpointName = "trainer-feedback-recorded";
        ConcurrentMessageLimit = 8;
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<FeedbackRecordedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(6, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
}
