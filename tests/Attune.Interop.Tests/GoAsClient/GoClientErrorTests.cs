using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.GoAsClient;

/// <summary>grpc-go connected straight to the EchoServer: statuses, deadlines and cancellation.</summary>
public sealed class GoClientErrorTests(EchoHostFixture fixture) : ErrorScenarios<GrpcGo, EchoHostFixture>(fixture);
