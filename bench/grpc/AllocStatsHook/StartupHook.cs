using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded by the runtime before <c>Main</c> when named in <c>DOTNET_STARTUP_HOOKS</c>. When <c>ATTUNE_ALLOC_STATS_PORT</c> is
/// set, every connection to 127.0.0.1 on that port receives one JSON line (<c>alloc_bytes</c>, <c>alloc_objects</c> (always 0:
/// .NET does not count objects), <c>gc_count</c>) and is closed: the same contract as the grpc-go echo server's <c>-stats</c>.
/// </summary>
/// <remarks>The runtime requires this exact name, in no namespace.</remarks>
internal static class StartupHook
{
    /// <summary>Starts the stats listener on a background thread.</summary>
    public static void Initialize()
    {
        var port = Environment.GetEnvironmentVariable("ATTUNE_ALLOC_STATS_PORT");
        if (string.IsNullOrEmpty(port))
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture));
        listener.Start();
        var thread = new Thread(() => Serve(listener)) { IsBackground = true, Name = "alloc-stats" };
        thread.Start();
    }

    private static void Serve(TcpListener listener)
    {
        while (true)
        {
            using var client = listener.AcceptTcpClient();
            var gcCount = GC.CollectionCount(0);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"alloc_bytes\":{GC.GetTotalAllocatedBytes(precise: true)},\"alloc_objects\":0,\"gc_count\":{gcCount}}}\n");
            client.GetStream().Write(Encoding.ASCII.GetBytes(line));
        }
    }
}
