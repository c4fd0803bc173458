using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.JsAsClient;

// TEMP (until the YARP gateway lands): out of the build with GatewayEchoFixture (<Compile Remove> in the csproj).
/// <summary>grpc-js reaching the EchoServer only through the gateway, with an API key: metadata, text and binary.</summary>
public sealed class JsClientMetadataThroughGatewayTests(GatewayEchoFixture fixture) : MetadataScenarios<GrpcJs, GatewayEchoFixture>(fixture);
