using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.GoAsClient;

// TEMP (until the YARP gateway lands): out of the build with GatewayEchoFixture (<Compile Remove> in the csproj).
/// <summary>grpc-go reaching the EchoServer only through the gateway, with an API key: metadata, text and binary.</summary>
public sealed class GoClientMetadataThroughGatewayTests(GatewayEchoFixture fixture) : MetadataScenarios<GrpcGo, GatewayEchoFixture>(fixture);
