using Attune.Interop.Tests.Hosting;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>The callkinds scenarios with python grpcio connected straight to the EchoServer.</summary>
public sealed class PythonClientCallKindsTests(EchoHostFixture fixture) : PythonClientCallKindsScenarios<EchoHostFixture>(fixture);
