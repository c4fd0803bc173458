using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.JsAsClient;

// TEMP (until the YARP gateway lands): out of the build with GatewayEchoFixture (<Compile Remove> in the csproj).
/// <summary>grpc-js reaching the EchoServer only through the gateway, with an API key: statuses, deadlines and cancellation.</summary>
public sealed class JsClientErrorThroughGatewayTests(GatewayEchoFixture fixture) : ErrorScenarios<GrpcJs, GatewayEchoFixture>(fixture);
