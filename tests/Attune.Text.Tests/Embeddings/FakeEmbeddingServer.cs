using System.Collections.Concurrent;
using System.Text.Json;
using Attune.Text.Hashing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attune.Text.Tests.Embeddings;

/// <summary>
/// Stands in for a real embeddings server (OpenAI, vLLM, TEI, Ollama) in tests: Kestrel on 127.0.0.1 speaking
/// <c>POST /v1/embeddings</c>. Vectors are a deterministic function of the text (<see cref="VectorOf"/>) and are returned
/// in reverse order, so a client that ignores <c>index</c> fails. <see cref="Script"/> overrides the reply of chosen
/// requests (failures, 429 with Retry-After, malformed bodies, delays); every request is counted and recorded.
/// </summary>
internal sealed class FakeEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requestCount;

    private FakeEmbeddingServer(WebApplication app, int dimension)
    {
        _app = app;
        Dimension = dimension;
    }

    public int Dimension { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Inputs and Authorization header of every request, in arrival order.</summary>
    public ConcurrentQueue<(string[] Inputs, string? Authorization)> Requests { get; } = new();

    /// <summary>Given the 1-based request number, a reply to send instead of the normal one, or null.</summary>
    public Func<int, FakeReply?> Script { get; set; } = _ => null;

    public static async Task<FakeEmbeddingServer> StartAsync(int dimension = 8)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeEmbeddingServer(app, dimension);
        app.MapPost("/v1/embeddings", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>The vector the fake returns for <paramref name="text"/>: entries in [-1, 1) from seeded hashes.</summary>
    public static float[] VectorOf(string text, int dimension) =>
        Enumerable.Range(0, dimension)
            .Select(i => (StableHash.Murmur3(text.AsSpan(), (uint)i) % 2000 / 1000f) - 1f)
            .ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requestCount);
        using var doc = await JsonDocument.ParseAsync(context.Request.Body);
        var inputs = doc.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var model = doc.RootElement.GetProperty("model").GetString();
        Requests.Enqueue((inputs, context.Request.Headers.Authorization.FirstOrDefault()));

        if (Script(number) is { } reply)
        {
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = reply.RetryAfter;
            }

            if (reply.Body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(reply.Body);
                return;
            }

            if (reply.Status != 200)
            {
                return;
            }
        }

        var data = inputs
            .Select((text, index) => new { @object = "embedding", index, embedding = VectorOf(text, Dimension) })
            .Reverse()
            .ToArray();
        await context.Response.WriteAsJsonAsync(new { @object = "list", data, model });
    }
}
