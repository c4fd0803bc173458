using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.JsAsClient;

/// <summary>grpc-js connected straight to the EchoServer: the four kinds of call and large messages.</summary>
public sealed class JsClientCallKindsTests(EchoHostFixture fixture) : CallKindsScenarios<GrpcJs, EchoHostFixture>(fixture);
