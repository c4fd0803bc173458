using System.Threading.Channels;
using Attune.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Attune.Embedded.Tests;

/// <summary>
/// One bridge member: a host with the service defaults' bus (in-memory, <see cref="BusExtensions.AddAttuneBus"/>) and a
/// consumer that writes what it receives to <see cref="Received"/>.
/// </summary>
internal sealed class Member : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Member(WebApplication app, Channel<Received> received)
    {
        _app = app;
        Received = received;
    }

    public Channel<Received> Received { get; }

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    /// <summary>The next message the consumer received; fails after 10 s instead of hanging.</summary>
    public async Task<Received> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            return await Received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("No message reached this member within 10 s.");
        }
    }

    public static async Task<Member> StartAsync(InProcessBusBridge bridge, string name, int concurrency = 4)
    {
        var received = Channel.CreateUnbounded<Received>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Test." + name, Args = [] });
        builder.Services.AddSingleton(bridge);
        builder.Services.AddSingleton(received);
        builder.AddAttuneBus(bus => bus.AddConsumer<PingConsumer>().Endpoint(e => e.ConcurrentMessageLimit = concurrency));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new Member(app, received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
