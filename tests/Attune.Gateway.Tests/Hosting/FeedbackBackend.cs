using Attune.Feedback.Extensions;
using Attune.ServiceDefaults;
using Microsoft.AspNetCore.Builder;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// The real feedback service in process (wired as its Program.cs does, by <see cref="InProcessServiceHost"/>: SQLite in a temp folder, the in-memory bus) on
/// real Kestrel h2c at a free port.
/// </summary>
public sealed class FeedbackBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDir;

    private FeedbackBackend(WebApplication app, string dataDir, int port)
    {
        _app = app;
        _dataDir = dataDir;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The service's address.</summary>
    public Uri Address { get; }

    /// <summary>Starts the service.</summary>
    public static async Task<FeedbackBackend> StartAsync()
    {
        var port = Ports.Free();
        var dataDir = Path.Combine(Path.GetTempPath(), $"attune-gateway-feedback-{Guid.NewGuid():N}");
        var app = InProcessServiceHost.Build(
            "Attune.Feedback", dataDir, [port], new Dictionary<string, string?>(), bridge: null,
            b => b.AddFeedbackServices(), a => a.MapFeedbackServices());
        await app.StartAsync();
        return new FeedbackBackend(app, dataDir, port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
