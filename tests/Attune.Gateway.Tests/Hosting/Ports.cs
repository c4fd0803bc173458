using System.Net;
using System.Net.Sockets;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>Free loopback ports.</summary>
public static class Ports
{
    /// <summary>A port nothing listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
