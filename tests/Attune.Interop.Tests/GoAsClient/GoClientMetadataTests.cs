using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.GoAsClient;

/// <summary>grpc-go connected straight to the EchoServer: metadata, text and binary.</summary>
public sealed class GoClientMetadataTests(EchoHostFixture fixture) : MetadataScenarios<GrpcGo, EchoHostFixture>(fixture);
