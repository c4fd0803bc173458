using Attune.Contracts.V1;
using Attune.Gateway.Tests.Hosting;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;

namespace Attune.Gateway.Tests.Reflection;

/// <summary>
/// Server reflection at the gateway describes every attune.v1 service from the contracts, so a client that knows only
/// the gateway can find a method and call it through the gateway.
/// </summary>
public sealed class ReflectionTests(AdapterGatewayFixture fixture) : IClassFixture<AdapterGatewayFixture>
{
    private static readonly string[] AttuneServices =
        ["attune.v1.FeedbackService", "attune.v1.TrainerService", "attune.v1.AdapterService", "attune.v1.GeneratorService"];

    [Fact]
    public async Task ListServices_v1_everyAttuneServiceAndHealth()
    {
        var names = await ListAsync(new ServerReflection.ServerReflectionClient(fixture.Gateway.Channel));

        Assert.Superset(new HashSet<string>([.. AttuneServices, "grpc.health.v1.Health"]), names);
    }

    [Fact]
    public async Task ListServices_v1alpha_everyAttuneService()
    {
        using var call = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(fixture.Gateway.Channel)
            .ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToHashSet();

        Assert.Superset(new HashSet<string>(AttuneServices), names);
    }

    [Fact]
    public async Task FileContainingSymbol_adapterService_describesItsMethodsAndMessages_andTheMethodCallsThroughTheGateway()
    {
        var client = new ServerReflection.ServerReflectionClient(fixture.Gateway.Channel);
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "attune.v1.AdapterService" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();

        var service = files.SelectMany(f => f.Service).Single(s => s.Name == "AdapterService");
        var getProfile = service.Method.Single(m => m.Name == "GetProfile");
        Assert.Equal(".attune.v1.GetProfileRequest", getProfile.InputType);
        Assert.Contains(service.Method, m => m.Name == "NextQuery");
        Assert.Contains(files.SelectMany(f => f.MessageType), m => m.Name == "Profile");

        // Call the method by the names reflection gave, with bytes on the wire, as a generic client would.
        var bytes = Marshallers.Create<byte[]>(b => b, b => b);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "attune.v1.AdapterService", getProfile.Name, bytes, bytes);
        var reply = await fixture.Gateway.Channel.CreateCallInvoker().AsyncUnaryCall(
            method, null, GatewayHost.WithKey(TestKeys.Open), new GetProfileRequest { UserId = "dora" }.ToByteArray());

        Assert.Equal("dora", GetProfileReply.Parser.ParseFrom(reply).Profile.UserId);
    }

    private static async Task<HashSet<string>> ListAsync(ServerReflection.ServerReflectionClient client)
    {
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
    }
}
