using Attune.Interop.Tests.Hosting;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>The metadata scenarios with python grpcio connected straight to the EchoServer.</summary>
public sealed class PythonClientMetadataTests(EchoHostFixture fixture) : PythonClientMetadataScenarios<EchoHostFixture>(fixture);
