using Attune.EchoServer;

// dotnet run --project tests/Attune.EchoServer -- --urls http://127.0.0.1:50051
var app = EchoServerHost.Build(args);
app.Run();

/// <summary>The entry point, public for in-process hosting (<c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
