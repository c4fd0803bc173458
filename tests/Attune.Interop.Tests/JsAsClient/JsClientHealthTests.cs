using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.JsAsClient;

/// <summary>grpc-js as the client of Attune's grpc.health.v1.Health service: Check and Watch.</summary>
public sealed class JsClientHealthTests : HealthScenarios<GrpcJs>;
