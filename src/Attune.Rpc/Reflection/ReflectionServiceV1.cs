using Attune.Rpc.Reflection.V1;
using Google.Protobuf.Reflection;

namespace Attune.Rpc;

/// <summary>grpc.reflection.v1.ServerReflection over the mapped services.</summary>
internal sealed class ReflectionServiceV1(GrpcServiceRegistry registry) : IGrpcService
{
    public static ServiceDescriptor Descriptor => ReflectionReflection.Descriptor.Services[0];

    public async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requests,
        IServerStreamWriter<ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        var index = new ReflectionIndex(registry.Services);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(index.Answer(requests.Current, sent), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
