using Attune.Contracts.Testing.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Attune.Rpc.Tests.Infrastructure;

/// <summary>
/// EchoService whose behaviour is chosen by the request's message: "throw" (an exception with secret text), "big"
/// (a reply with a payload of <c>repeat</c> bytes), "flaky" (UNAVAILABLE for the first <c>repeat</c> calls), "wait"
/// (blocks until cancelled, recording it), "status" (sets context.Status), "deadline" (records context.Deadline).
/// </summary>
public sealed class ProbeEchoService(CallProbe probe) : IGrpcService
{
    public const string Secret = "password=hunter2";

    public static ServiceDescriptor Descriptor => EchoReflection.Descriptor.Services[0];

    public async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        var call = probe.CountCall();
        probe.Log.Enqueue("handler");
        switch (request.Message)
        {
            case "throw":
                throw new InvalidOperationException(Secret);
            case "big":
                return new EchoReply { Payload = ByteString.CopyFrom(new byte[request.Repeat]) };
            case "flaky" when call <= request.Repeat:
                throw new RpcException(StatusCode.Unavailable, $"flaky call {call}");
            case "wait":
                await WaitForCancellationAsync(context);
                break;
            case "status":
                context.Status = new Status(StatusCode.NotFound, "set by handler");
                break;
            case "deadline":
                probe.SeenDeadline.TrySetResult(context.Deadline);
                break;
        }

        return new EchoReply { Message = request.Message, Index = call };
    }

    public async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await responses.WriteAsync(new EchoReply { Message = "first" });
        if (request.Message == "big")
        {
            await responses.WriteAsync(new EchoReply { Payload = ByteString.CopyFrom(new byte[request.Repeat]) });
        }

        await WaitForCancellationAsync(context);
    }

    public async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var count = 0;
        await foreach (var _ in requests.ReadAllAsync())
        {
            count++;
        }

        return new EchoReply { Index = count };
    }

    public async Task Bidi(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await foreach (var request in requests.ReadAllAsync())
        {
            await responses.WriteAsync(new EchoReply { Message = request.Message });
        }
    }

    private async Task WaitForCancellationAsync(ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.HandlerCancelled.TrySetResult(true);
            throw;
        }
    }
}
