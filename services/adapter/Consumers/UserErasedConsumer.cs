using Attune.Adapter.Domain;
using Attune.Contracts.Messages;
using Attune.Storage;
using MassTransit;

namespace Attune.Adapter.Consumers;

/// <summary>Erases a user's answers and weights, once per erasure.</summary>
public sealed class UserErasedConsumer(ProfileBook book) : IConsumer<UserErased>
{
    /// <summary>The inbox name of this consumer (stable across releases).</summary>
    public const string InboxName = "adapter.UserErased";

    public Task Consume(ConsumeContext<UserErased> context) =>
        book.EraseAsync(
            context.Message.UserId, new InboxReceipt(InboxName, context.MessageId ?? context.Message.ErasureId), context.CancellationToken);
}
