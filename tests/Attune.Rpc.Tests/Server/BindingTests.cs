using Attune.Contracts.Testing.V1;
using Attune.Rpc.Tests.Infrastructure;
using Google.Protobuf.Reflection;

namespace Attune.Rpc.Tests.Server;

public sealed class BindingTests
{
    [Fact]
    public async Task MapGrpcService_mistyped_method_throws_naming_expected_signature()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestHost.StartCustomAsync(app => app.MapGrpcService<MistypedEchoService>()));

        Assert.Contains("Task<EchoReply> Unary(EchoRequest, ServerCallContext)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapGrpcService_missing_method_throws_naming_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestHost.StartCustomAsync(app => app.MapGrpcService<IncompleteEchoService>()));

        Assert.Contains("EchoService/Unary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapGrpcService_same_service_twice_throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestHost.StartCustomAsync(app =>
            {
                app.MapGrpcService<ProbeEchoService>();
                app.MapGrpcService<ProbeEchoService>();
            }));

        Assert.Contains("mapped twice", error.Message, StringComparison.Ordinal);
    }

    private sealed class MistypedEchoService : IGrpcService
    {
        public static ServiceDescriptor Descriptor => EchoReflection.Descriptor.Services[0];

        public Task<EchoRequest> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(request);
    }

    private sealed class IncompleteEchoService : IGrpcService
    {
        public static ServiceDescriptor Descriptor => EchoReflection.Descriptor.Services[0];
    }
}
