using Attune.Contracts.V1;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Generator.Tests;

/// <summary>The generator service on real Kestrel (an ephemeral 127.0.0.1 port) with the given configuration, and a client.</summary>
public sealed class GeneratorHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private GeneratorHost(WebApplicationFactory<Program> factory, GrpcChannel channel)
    {
        _factory = factory;
        Channel = channel;
        Client = new GeneratorService.GeneratorServiceClient(channel);
    }

    public GrpcChannel Channel { get; }

    public GeneratorService.GeneratorServiceClient Client { get; }

    /// <summary>Starts the generator with <paramref name="settings"/> (e.g. Services:Adapter, Generator:Backend:Url).</summary>
    public static GeneratorHost Start(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("urls", "http://127.0.0.1:0").UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GeneratorHost(factory, GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxRetryAttempts = 1 }));
    }

    /// <summary>An address where nothing listens (connections are refused).</summary>
    public static string ClosedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _factory.DisposeAsync();
    }
}
