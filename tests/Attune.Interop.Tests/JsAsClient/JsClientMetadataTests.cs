using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.JsAsClient;

/// <summary>grpc-js connected straight to the EchoServer: metadata, text and binary.</summary>
public sealed class JsClientMetadataTests(EchoHostFixture fixture) : MetadataScenarios<GrpcJs, EchoHostFixture>(fixture);
