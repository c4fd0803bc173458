using Google.Protobuf;
using Google.Protobuf.Reflection;
using V1 = Attune.Rpc.Reflection.V1;
using V1Alpha = Attune.Rpc.Reflection.V1Alpha;

namespace Attune.Rpc;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, for older clients. Its messages are field-for-field those of v1, so each
/// is translated through its wire bytes and answered by the same index.
/// </summary>
internal sealed class ReflectionServiceV1Alpha(GrpcServiceRegistry registry) : IGrpcService
{
    public static ServiceDescriptor Descriptor => V1Alpha.ReflectionReflection.Descriptor.Services[0];

    public async Task ServerReflectionInfo(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requests,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses,
        ServerCallContext context)
    {
        var index = new ReflectionIndex(registry.Services);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString());
            var answer = index.Answer(request, sent);
            var response = V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString());
            await responses.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
