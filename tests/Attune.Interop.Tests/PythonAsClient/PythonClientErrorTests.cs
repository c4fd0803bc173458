using Attune.Interop.Tests.Hosting;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>The error scenarios with python grpcio connected straight to the EchoServer.</summary>
public sealed class PythonClientErrorTests(EchoHostFixture fixture) : PythonClientErrorScenarios<EchoHostFixture>(fixture);
