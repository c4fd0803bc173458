namespace Attune.Interop.Tests.Hosting;

/// <summary>
/// Where a foreign client reaches the Attune EchoServer: directly, or through the gateway (with an API key). The same
/// interop scenarios run against both.
/// </summary>
public interface IEchoEndpoint
{
    /// <summary>host:port, as python grpcio takes it.</summary>
    string Target { get; }

    /// <summary>The API key to send as x-api-key, or null for none.</summary>
    string? ApiKey { get; }

    /// <summary>The probe recording the echo server's cancellations.</summary>
    CancellationProbe Probe { get; }
}
