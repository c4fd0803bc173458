using System.Net;
using System.Net.Sockets;

namespace Attune.Interop.Tests.Peers;

/// <summary>
/// A loopback TCP forwarder that counts the bytes going each way, so a test can see on the wire that messages were
/// compressed (a megabyte of zeros gzips to about a kilobyte).
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private long _toServer;
    private long _toClient;

    /// <summary>Starts forwarding connections on a free port to 127.0.0.1:<paramref name="upstreamPort"/>.</summary>
    public CountingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes sent from clients to the server so far.</summary>
    public long BytesToServer => Interlocked.Read(ref _toServer);

    /// <summary>Bytes sent from the server to clients so far.</summary>
    public long BytesToClient => Interlocked.Read(ref _toClient);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await Task.WhenAll(_pumps);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                lock (_pumps)
                {
                    _pumps.Add(PumpAsync(client, server, toServer: true));
                    _pumps.Add(PumpAsync(server, client, toServer: false));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool toServer)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, _stop.Token)) > 0)
            {
                Interlocked.Add(ref toServer ? ref _toServer : ref _toClient, read);
                await sink.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }

            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            from.Close();
            to.Close();
        }
    }
}
