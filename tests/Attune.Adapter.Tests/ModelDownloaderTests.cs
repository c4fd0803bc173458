using Attune.Contracts.V1;
using Attune.Adapter.Domain;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.Adapter.Tests;

public sealed class ModelDownloaderTests : IAsyncLifetime
{
    private PeerHost _peers = null!;
    private GrpcChannel _channel = null!;

    public async ValueTask InitializeAsync()
    {
        _peers = await PeerHost.StartAsync();
        _channel = GrpcChannel.ForAddress(_peers.Address);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _peers.DisposeAsync();
    }

    [Fact]
    public async Task DownloadAsync_manyChunks_reassemblesTheFileOfTheNewestVersion()
    {
        var file = TestModels.First;
        Assert.True(file.Length > FakeTrainer.ChunkSize);
        _peers.State.Models[3] = file;
        _peers.State.Models[1] = [1, 2, 3];

        var model = await ModelDownloader.DownloadAsync(new TrainerService.TrainerServiceClient(_channel), 0, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(3, model.Version);
        Assert.Equal(file, model.Content);
    }

    [Fact]
    public async Task DownloadAsync_checksumMismatch_invalidData()
    {
        _peers.State.Models[1] = TestModels.First;
        _peers.State.CorruptChecksum = true;

        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ModelDownloader.DownloadAsync(new TrainerService.TrainerServiceClient(_channel), 1, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_noModel_notFound()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            ModelDownloader.DownloadAsync(new TrainerService.TrainerServiceClient(_channel), 0, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}
