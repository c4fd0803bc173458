using Attune.EchoServer;

// dotnet run --project tests/Attune.EchoServer -- --urls http://127.0.0.1:50051 [--service-defaults]
// --service-defaults: hosted as every Attune service is (AddServiceDefaults), for bench/grpc; otherwise a bare Grpc.AspNetCore.
const string ServiceDefaultsFlag = "--service-defaults";
var app = args.Contains(ServiceDefaultsFlag)
    ? EchoServerHost.BuildWithServiceDefaults([.. args.Where(a => a != ServiceDefaultsFlag)])
    : EchoServerHost.Build(args);
app.Run();

/// <summary>The entry point, public for in-process hosting (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
