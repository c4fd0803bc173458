using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.PythonAsClient;

/// <summary>python grpcio as the client of Attune's grpc.health.v1.Health service.</summary>
public sealed class PythonClientHealthTests : HealthScenarios<PythonGrpcio>;
