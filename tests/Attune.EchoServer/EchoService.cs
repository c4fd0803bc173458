using System.Text;
using Attune.Contracts.Testing.V1;
using Grpc.Core;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;

namespace Attune.EchoServer;

/// <summary>
/// attune.testing.v1.EchoService: echoes messages, sleeping <c>delay_ms</c> first, copying the request metadata named in
/// <c>echo_metadata</c> into the response headers and trailers, and failing with <c>fail_code</c>/<c>fail_message</c>
/// (unary: before any message; streams: after the messages sent so far). With <c>Echo:BufferHint</c> true, a server
/// stream's messages but the last are written with <see cref="WriteFlags.BufferHint"/> (no flush per message: bench/grpc
/// measures what that setting recovers).
/// </summary>
public sealed class EchoService(IConfiguration configuration) : Attune.Contracts.Testing.V1.EchoService.EchoServiceBase
{
    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);
    private readonly bool _bufferHint = configuration.GetValue("Echo:BufferHint", false);

    /// <summary>Echoes the request.</summary>
    public override async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        await PrepareAsync(request, context).ConfigureAwait(false);
        ThrowIfFailRequested(request);
        return new EchoReply { Message = request.Message, Payload = request.Payload };
    }

    /// <summary>Sends <c>repeat</c> copies (0 means 1), then fails if asked to.</summary>
    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await PrepareAsync(request, context).ConfigureAwait(false);
        var count = Math.Max(1, request.Repeat);
        for (var i = 0; i < count; i++)
        {
            if (_bufferHint)
            {
                responses.WriteOptions = i < count - 1 ? BufferHint : null;
            }

            await responses.WriteAsync(new EchoReply { Message = request.Message, Payload = request.Payload, Index = i }, context.CancellationToken).ConfigureAwait(false);
        }

        ThrowIfFailRequested(request);
    }

    /// <summary>Concatenates every message and payload; index is the number of messages. The last message's settings apply.</summary>
    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var text = new StringBuilder();
        using var payload = new MemoryStream();
        EchoRequest? last = null;
        var count = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            text.Append(request.Message);
            request.Payload.WriteTo(payload);
            last = request;
            count++;
        }

        if (last is not null)
        {
            await PrepareAsync(last, context).ConfigureAwait(false);
            ThrowIfFailRequested(last);
        }

        return new EchoReply { Message = text.ToString(), Payload = ByteString.CopyFrom(payload.ToArray()), Index = count };
    }

    /// <summary>Echoes each message as it arrives (after its delay), failing at the first one that asks to.</summary>
    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        var index = 0;
        var first = true;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (first)
            {
                await EchoHeadersAsync(request, context).ConfigureAwait(false);
                first = false;
            }

            await DelayAsync(request, context).ConfigureAwait(false);
            ThrowIfFailRequested(request);
            await responses.WriteAsync(new EchoReply { Message = request.Message, Payload = request.Payload, Index = index++ }, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PrepareAsync(EchoRequest request, ServerCallContext context)
    {
        await EchoHeadersAsync(request, context).ConfigureAwait(false);
        await DelayAsync(request, context).ConfigureAwait(false);
    }

    private static Task DelayAsync(EchoRequest request, ServerCallContext context) =>
        request.DelayMs > 0 ? Task.Delay(request.DelayMs, context.CancellationToken) : Task.CompletedTask;

    private static Task EchoHeadersAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.EchoMetadata.Count == 0)
        {
            return Task.CompletedTask;
        }

        var headers = new Metadata();
        foreach (var key in request.EchoMetadata)
        {
            foreach (var entry in context.RequestHeaders.GetAll(key))
            {
                Copy(entry, headers);
                Copy(entry, context.ResponseTrailers);
            }
        }

        return context.WriteResponseHeadersAsync(headers);
    }

    private static void Copy(Metadata.Entry entry, Metadata target)
    {
        if (entry.IsBinary)
        {
            target.Add(entry.Key, entry.ValueBytes);
        }
        else
        {
            target.Add(entry.Key, entry.Value);
        }
    }

    private static void ThrowIfFailRequested(EchoRequest request)
    {
        if (request.FailCode != 0)
        {
            throw new RpcException(new Status((StatusCode)request.FailCode, request.FailMessage));
        }
    }
}
