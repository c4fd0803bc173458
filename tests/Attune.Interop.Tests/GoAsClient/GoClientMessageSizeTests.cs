using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.GoAsClient;

/// <summary>grpc-go as the client of Attune's EchoServer: message size limits, both ways, and an 8 MiB message.</summary>
public sealed class GoClientMessageSizeTests : MessageSizeScenarios<GrpcGo>;
