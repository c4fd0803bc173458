using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attune.Storage;

/// <summary>Initializes (creates or migrates) every registered store when the host starts, before it serves requests.</summary>
/// <param name="stores">Every store registered through <see cref="StorageServiceCollectionExtensions"/>.</param>
/// <param name="logger">Where the outcome is logged.</param>
public sealed class StorageInitializer(IEnumerable<IInitializableStore> stores, ILogger<StorageInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var store in stores.Distinct())
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Storage {Store} initialized", store.GetType().Name);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
