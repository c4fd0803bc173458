using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio as the client of Attune's EchoServer (directly or through the gateway): metadata in and out, text and binary (the tests are <see cref="MetadataScenarios{TClient, TFixture}"/>'s).</summary>
public abstract class PythonClientMetadataScenarios<TFixture>(TFixture fixture) : MetadataScenarios<PythonGrpcio, TFixture>(fixture)
    where TFixture : class, IEchoEndpoint;
