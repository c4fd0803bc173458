using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using V1Alpha = Attune.Rpc.Reflection.V1Alpha;

namespace Attune.Rpc.Tests.Server;

public sealed class ReflectionTests(EchoServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListServicesAsync_v1_lists_every_mapped_service()
    {
        var services = await new ReflectionClient(server.Channel).ListServicesAsync();

        Assert.Equal(
            ["attune.testing.v1.EchoService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            services);
    }

    [Fact]
    public async Task FileContainingSymbolAsync_service_returns_its_file_which_builds()
    {
        var files = await new ReflectionClient(server.Channel).FileContainingSymbolAsync("attune.testing.v1.EchoService");

        var set = ReflectionClient.ToDescriptorSet(files);
        var built = FileDescriptor.BuildFromByteStrings(files);
        Assert.Equal("attune/testing/v1/echo.proto", set.File[0].Name);
        Assert.Equal(["Unary", "ServerStream", "ClientStream", "Bidi"], built[0].Services[0].Methods.Select(m => m.Name));
    }

    [Fact]
    public async Task FileContainingSymbolAsync_nested_symbols_found()
    {
        var client = new ReflectionClient(server.Channel);

        var method = await client.FileContainingSymbolAsync("attune.testing.v1.EchoService.Bidi");
        var nestedEnum = await client.FileContainingSymbolAsync("grpc.health.v1.HealthCheckResponse.ServingStatus");

        Assert.Equal("attune/testing/v1/echo.proto", FileDescriptorProto.Parser.ParseFrom(method[0]).Name);
        Assert.Equal("grpc/health/v1/health.proto", FileDescriptorProto.Parser.ParseFrom(nestedEnum[0]).Name);
    }

    [Fact]
    public async Task FileContainingSymbolAsync_imports_returned_transitively()
    {
        await using var host = await TestHost.StartCustomAsync(app =>
        {
            app.MapGrpcService<FakeFeedbackService>();
            app.MapGrpcReflection();
        });

        var files = await new ReflectionClient(host.CreateChannel()).FileContainingSymbolAsync("attune.v1.FeedbackService");

        var names = files.Select(f => FileDescriptorProto.Parser.ParseFrom(f).Name).ToList();
        Assert.Equal("attune/v1/feedback.proto", names[0]);
        Assert.Contains("attune/v1/common.proto", names);
        Assert.Contains("google/protobuf/timestamp.proto", names);
        // The requested file comes first; building needs imports first, which reversing gives for this chain.
        Assert.Equal(3, FileDescriptor.BuildFromByteStrings(files.Reverse()).Count);
    }

    [Fact]
    public async Task FileByFilenameAsync_known_file_returned()
    {
        var files = await new ReflectionClient(server.Channel).FileByFilenameAsync("grpc/health/v1/health.proto");

        Assert.Equal("grpc.health.v1", FileDescriptorProto.Parser.ParseFrom(files[0]).Package);
    }

    [Theory]
    [InlineData("no.such.Symbol")]
    [InlineData("attune.testing.v1.Missing")]
    public async Task FileContainingSymbolAsync_unknown_symbol_error_response_not_found(string symbol)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => new ReflectionClient(server.Channel).FileContainingSymbolAsync(symbol));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task V1Alpha_list_services_and_symbol_lookup_answered()
    {
        var method = new Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>(
            MethodType.DuplexStreaming, "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", V1Alpha.ServerReflectionResponse.Parser);
        using var call = server.Channel.DuplexStreaming(method);

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "" }, Ct);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" }, Ct);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileByFilename = "missing.proto" }, Ct);
        await call.RequestStream.CompleteAsync();
        var responses = new List<V1Alpha.ServerReflectionResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(Ct))
        {
            responses.Add(response);
        }

        Assert.Equal(3, responses.Count);
        Assert.Contains(responses[0].ListServicesResponse.Service, s => s.Name == "attune.testing.v1.EchoService");
        Assert.Equal("grpc/health/v1/health.proto", FileDescriptorProto.Parser.ParseFrom(responses[1].FileDescriptorResponse.FileDescriptorProto[0]).Name);
        Assert.Equal((int)StatusCode.NotFound, responses[2].ErrorResponse.ErrorCode);
        Assert.Equal("missing.proto", responses[2].OriginalRequest.FileByFilename);
    }
}
