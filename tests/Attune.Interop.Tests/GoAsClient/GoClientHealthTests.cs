using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.GoAsClient;

/// <summary>grpc-go as the client of Attune's grpc.health.v1.Health service: Check and Watch.</summary>
public sealed class GoClientHealthTests : HealthScenarios<GrpcGo>;
