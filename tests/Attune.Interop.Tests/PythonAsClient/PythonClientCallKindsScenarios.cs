using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio as the client of Attune's EchoServer (directly or through the gateway): the four kinds of call, and large messages (the tests are <see cref="CallKindsScenarios{TClient, TFixture}"/>'s).</summary>
public abstract class PythonClientCallKindsScenarios<TFixture>(TFixture fixture) : CallKindsScenarios<PythonGrpcio, TFixture>(fixture)
    where TFixture : class, IEchoEndpoint;
