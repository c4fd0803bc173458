using Attune.EchoServer;
using Attune.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// tests/Attune.EchoServer in process on real Kestrel h2c at a free port, with a <see cref="CallProbe"/> interceptor that
/// records the metadata every call arrived with and which calls saw their cancellation token fire.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoBackend(WebApplication app, int port)
    {
        _app = app;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The backend's address.</summary>
    public Uri Address { get; }

    /// <summary>What the backend saw.</summary>
    public CallProbe Probe => _app.Services.GetRequiredService<CallProbe>();

    /// <summary>The gateway setting that routes the echo service here.</summary>
    public KeyValuePair<string, string?> Route => new("Gateway:Routes:attune.testing.v1.EchoService", Address.ToString());

    /// <summary>Starts the backend, optionally with extra gRPC services mapped by <paramref name="configureApp"/>.</summary>
    public static async Task<EchoBackend> StartAsync(Action<WebApplication>? configureApp = null)
    {
        var port = Ports.Free();
        var app = EchoServerHost.Build(
            ["--urls", $"http://127.0.0.1:{port}"],
            o => o.AddInterceptor<CallProbe>(),
            b => b.Services.AddSingleton<CallProbe>(),
            configureApp);
        await app.StartAsync();
        return new EchoBackend(app, port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
