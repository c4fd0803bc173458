using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Attune.Storage.Tests.Configuration;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly SqliteBackend _backend = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddTrainerStorage_host_start_initializesEveryStore()
    {
        var options = await _backend.NewStorageAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Trainer:ConnectionString"] = options.ConnectionString })
            .Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTrainerStorage(configuration.GetSection("Storage:Trainer"));
        using var host = builder.Build();

        await host.StartAsync(Ct);
        var models = host.Services.GetRequiredService<IModelStore>();
        var published = await models.PublishAsync(new byte[] { 1, 2, 3 }, "{}", Ct);
        var jobs = await host.Services.GetRequiredService<ITrainingJobStore>().ListAsync(10, null, Ct);
        var inboxed = await host.Services.GetRequiredService<IInbox>().TryMarkProcessedAsync("c", Guid.NewGuid(), Ct);
        await host.StopAsync(Ct);

        Assert.Equal(1, published.Version);
        Assert.Empty(jobs);
        Assert.True(inboxed);
    }

    [Fact]
    public void AddFeedbackStore_section_without_connection_string_throwsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();

        var e = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddFeedbackStore(configuration.GetSection("Storage:Feedback")));

        Assert.Contains("Storage:Feedback:ConnectionString", e.Message, StringComparison.Ordinal);
        Assert.Contains("Storage__Feedback__ConnectionString", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _backend.Dispose();
}
