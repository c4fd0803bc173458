using Microsoft.AspNetCore.Builder;

namespace Attune.Bench.Services;

/// <summary>A started host that stops and disposes itself.</summary>
internal sealed class AsyncApp(WebApplication app) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
