using System.Threading.Channels;
using Attune.ServiceDefaults;
using MassTransit;

namespace Attune.Embedded.Tests;

/// <summary>Records every <see cref="Ping"/> it consumes, with its message id and the bridge header.</summary>
internal sealed class PingConsumer(Channel<Received> received) : IConsumer<Ping>
{
    public async Task Consume(ConsumeContext<Ping> context) =>
        await received.Writer.WriteAsync(new Received(
            context.Message.Text,
            context.MessageId,
            context.Headers.Get<string>(InProcessBusBridge.ForwardedFromHeader)));
}
