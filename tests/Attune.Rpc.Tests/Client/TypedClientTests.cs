using System.Reflection;
using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Contracts.V1;
using Google.Protobuf.Reflection;

namespace Attune.Rpc.Tests.Client;

public sealed class TypedClientTests
{
    public static TheoryData<Type, string> Clients => new()
    {
        { typeof(EchoServiceClient), "attune/testing/v1/echo.proto" },
        { typeof(FeedbackServiceClient), "attune/v1/feedback.proto" },
        { typeof(TrainerServiceClient), "attune/v1/trainer.proto" },
        { typeof(AdapterServiceClient), "attune/v1/adapter.proto" },
        { typeof(GeneratorServiceClient), "attune/v1/generator.proto" },
    };

    [Theory]
    [MemberData(nameof(Clients))]
    public void Client_has_one_method_per_rpc_of_its_service(Type client, string file)
    {
        var service = AllFiles().Single(f => f.Name == file).Services.Single();

        var methods = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^5] : m.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(service.Methods.Select(m => m.Name).Order(StringComparer.Ordinal), methods);
        Assert.Equal(service.FullName, client.GetField("ServiceName")!.GetValue(null));
    }

    private static IEnumerable<FileDescriptor> AllFiles() =>
    [
        EchoReflection.Descriptor, FeedbackReflection.Descriptor, TrainerReflection.Descriptor,
        AdapterReflection.Descriptor, GeneratorReflection.Descriptor,
    ];
}
