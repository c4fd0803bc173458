using Attune.Interop.Tests.Hosting;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>The same error scenarios with python grpcio reaching the EchoServer only through the gateway, with an API key.</summary>
public sealed class PythonClientErrorThroughGatewayTests(GatewayEchoFixture fixture) : PythonClientErrorScenarios<GatewayEchoFixture>(fixture);
