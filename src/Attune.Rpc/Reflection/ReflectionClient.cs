using Attune.Rpc.Reflection.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Attune.Rpc;

/// <summary>A client of grpc.reflection.v1 server reflection.</summary>
/// <param name="channel">The channel to call through.</param>
public sealed class ReflectionClient(GrpcChannel channel)
{
    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> InfoMethod =
        new(MethodType.DuplexStreaming, "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo", ServerReflectionResponse.Parser);

    /// <summary>The full names of the services the server offers.</summary>
    /// <exception cref="RpcException">The call failed, or the server answered with an error response.</exception>
    public async Task<IReadOnlyList<string>> ListServicesAsync(CallOptions options = default)
    {
        var response = await AskAsync(new ServerReflectionRequest { ListServices = "*" }, options).ConfigureAwait(false);
        return [.. response.ListServicesResponse.Service.Select(s => s.Name)];
    }

    /// <summary>
    /// The file defining <paramref name="symbol"/> (a service, method, message or enum full name), first, followed by the
    /// files it imports, as serialized FileDescriptorProtos.
    /// </summary>
    public async Task<IReadOnlyList<ByteString>> FileContainingSymbolAsync(string symbol, CallOptions options = default)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol }, options).ConfigureAwait(false);
        return [.. response.FileDescriptorResponse.FileDescriptorProto];
    }

    /// <summary>The named file first, then the files it imports, as serialized FileDescriptorProtos.</summary>
    public async Task<IReadOnlyList<ByteString>> FileByFilenameAsync(string fileName, CallOptions options = default)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = fileName }, options).ConfigureAwait(false);
        return [.. response.FileDescriptorResponse.FileDescriptorProto];
    }

    /// <summary>Parses the protos returned by <see cref="FileContainingSymbolAsync"/> into a descriptor set.</summary>
    public static FileDescriptorSet ToDescriptorSet(IEnumerable<ByteString> files)
    {
        var set = new FileDescriptorSet();
        set.File.AddRange(files.Select(FileDescriptorProto.Parser.ParseFrom));
        return set;
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request, CallOptions options)
    {
        using var call = channel.DuplexStreaming(InfoMethod, options);
        await call.RequestStream.WriteAsync(request).ConfigureAwait(false);
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        if (!await call.ResponseStream.MoveNext().ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "The reflection server sent no response.");
        }

        var response = call.ResponseStream.Current;
        if (response.MessageResponseCase == ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse)
        {
            throw new RpcException((StatusCode)response.ErrorResponse.ErrorCode, response.ErrorResponse.ErrorMessage);
        }

        return response;
    }
}
