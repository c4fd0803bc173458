using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.GoAsClient;

/// <summary>grpc-go connected straight to the EchoServer: the four kinds of call and large messages.</summary>
public sealed class GoClientCallKindsTests(EchoHostFixture fixture) : CallKindsScenarios<GrpcGo, EchoHostFixture>(fixture);
