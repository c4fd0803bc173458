using System.Buffers;
using Grpc.Core;

// The same Kestrel settings as the EchoServer (ConfigureGrpcKestrel), and nothing else: every request's gRPC frames are
// written straight back. EchoRequest's fields 1-3 (message, payload, repeat) parse as EchoReply's fields 1-3 (message,
// payload, index), so for Unary and Bidi this is an echo server with no protobuf work at all.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.ConfigureKestrel(Attune.ServiceDefaults.ServiceDefaultsExtensions.ConfigureKestrel);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.Run(EchoFramesAsync);
app.Run();

static async Task EchoFramesAsync(HttpContext context)
{
    context.Response.ContentType = "application/grpc";
    var reader = context.Request.BodyReader;
    var writer = context.Response.BodyWriter;
    while (true)
    {
        var result = await reader.ReadAsync(context.RequestAborted);
        var buffer = result.Buffer;
        var wrote = false;
        while (TryReadFrame(ref buffer, out var frame))
        {
            foreach (var segment in frame)
            {
                writer.Write(segment.Span);
            }

            wrote = true;
        }

        reader.AdvanceTo(buffer.Start, buffer.End);
        if (wrote)
        {
            await writer.FlushAsync(context.RequestAborted);
        }

        if (result.IsCompleted)
        {
            break;
        }
    }

    context.Response.AppendTrailer("grpc-status", "0");
}

static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
{
    frame = default;
    if (buffer.Length < 5)
    {
        return false;
    }

    Span<byte> header = stackalloc byte[5];
    buffer.Slice(0, 5).CopyTo(header);
    var length = 5 + (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
    if (buffer.Length < length)
    {
        return false;
    }

    frame = buffer.Slice(0, length);
    buffer = buffer.Slice(length);
    return true;
}
