using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;
using Attune.Interop.Tests.Scenarios;

namespace Attune.Interop.Tests.JsAsClient;

/// <summary>grpc-js connected straight to the EchoServer: statuses, deadlines and cancellation.</summary>
public sealed class JsClientErrorTests(EchoHostFixture fixture) : ErrorScenarios<GrpcJs, EchoHostFixture>(fixture);
