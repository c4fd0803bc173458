using System.Text;
using Attune.Contracts.Testing.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// attune.testing.v1.EchoService on Grpc.AspNetCore: echoes messages after <c>delay_ms</c>, copies the request metadata
/// named in <c>echo_metadata</c> into the response headers and trailers, fails with <c>fail_code</c> (unary: before any
/// message, so Trailers-Only; streams: after the messages so far), and tells the <see cref="EchoProbe"/> what it saw.
/// </summary>
public sealed class EchoBackendService(EchoProbe probe) : Contracts.Testing.V1.EchoService.EchoServiceBase
{
    /// <inheritdoc />
    public override async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        await PrepareAsync(request, context);
        ThrowIfAsked(request);
        return new EchoReply { Message = request.Message, Payload = request.Payload };
    }

    /// <inheritdoc />
    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await PrepareAsync(request, context);
        for (var i = 0; i < Math.Max(1, request.Repeat); i++)
        {
            await responseStream.WriteAsync(new EchoReply { Message = request.Message, Payload = request.Payload, Index = i }, context.CancellationToken);
        }

        ThrowIfAsked(request);
    }

    /// <inheritdoc />
    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var text = new StringBuilder();
        using var payload = new MemoryStream();
        var count = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (count == 0)
            {
                probe.Saw(request.Message, context);
            }

            text.Append(request.Message);
            request.Payload.WriteTo(payload);
            count++;
        }

        return new EchoReply { Message = text.ToString(), Payload = ByteString.CopyFrom(payload.ToArray()), Index = count };
    }

    /// <inheritdoc />
    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (index == 0)
            {
                await PrepareAsync(request, context);
            }

            ThrowIfAsked(request);
            await responseStream.WriteAsync(new EchoReply { Message = request.Message, Payload = request.Payload, Index = index++ }, context.CancellationToken);
        }
    }

    private async Task PrepareAsync(EchoRequest request, ServerCallContext context)
    {
        probe.Saw(request.Message, context);
        var echoed = new Metadata();
        foreach (var key in request.EchoMetadata)
        {
            if (context.RequestHeaders.Get(key) is { } entry)
            {
                echoed.Add(entry);
                context.ResponseTrailers.Add(entry);
            }
        }

        if (echoed.Count > 0)
        {
            await context.WriteResponseHeadersAsync(echoed);
        }

        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }
    }

    private static void ThrowIfAsked(EchoRequest request)
    {
        if (request.FailCode != 0)
        {
            throw new RpcException(new Status((StatusCode)request.FailCode, request.FailMessage));
        }
    }
}
