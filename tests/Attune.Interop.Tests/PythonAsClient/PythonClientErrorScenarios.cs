using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio as the client of Attune's EchoServer (directly or through the gateway): statuses, deadlines and cancellation (the tests are <see cref="ErrorScenarios{TClient, TFixture}"/>'s).</summary>
public abstract class PythonClientErrorScenarios<TFixture>(TFixture fixture) : ErrorScenarios<PythonGrpcio, TFixture>(fixture)
    where TFixture : class, IEchoEndpoint;
