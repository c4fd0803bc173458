using System.Text.Json;
using Attune.Adapter.Options;
using Attune.Ml.Serialization;
using Grpc.Core;
using Attune.Storage;
using Microsoft.Extensions.Options;

namespace Attune.Adapter.Domain;

/// <summary>
/// Brings the model in force up to date: downloads a version from the trainer, rebuilds its featurizer, refits every
/// user and switches (<see cref="ProfileBook.SwitchAsync"/>), keeping a copy in the adapter's own database (table
/// <c>models</c> of <c>Storage:Adapter</c>) just before the switch so that a restart serves it without the trainer.
/// </summary>
public sealed class ModelSync(
    ProfileBook book, IModelStore copies, Peers peers, IOptions<AdapterOptions> options, ILogger<ModelSync> logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _syncs = new(1, 1);
    private long _promotion;

    /// <summary>
    /// Fetches the trainer's model in force (<paramref name="version"/> 0) or a given version, and switches to it unless
    /// it is already in force.
    /// </summary>
    /// <returns>True when the downloaded model is now in force.</returns>
    /// <exception cref="RpcException">The trainer is not configured, unreachable, or has no such model (NOT_FOUND).</exception>
    /// <exception cref="InvalidDataException">The download is corrupt or its featurizer cannot be rebuilt.</exception>
    public async Task<bool> SyncAsync(long version, CancellationToken cancellationToken)
    {
        // One sync at a time: the announcement, the periodic check and the startup fetch may race for the same version,
        // and only the first may switch (refit every user); the others then find it in force.
        await _syncs.WaitAsync(cancellationToken);
        try
        {
            return await SyncOnceAsync(version, cancellationToken);
        }
        finally
        {
            _syncs.Release();
        }
    }

    private async Task<bool> SyncOnceAsync(long version, CancellationToken cancellationToken)
    {
        if (version > 0 && book.Current is { } current && current.Version == version)
        {
            return false;
        }

        var trainer = peers.Trainer ?? throw new RpcException(
            new Status(StatusCode.Unavailable, $"No trainer is configured ({Peers.TrainerKey}); cannot download model {version}."));
        var downloaded = await ModelDownloader.DownloadAsync(trainer, version, options.Value.DownloadTimeout, cancellationToken);
        if (book.Current is { } now && now.Version == downloaded.Version)
        {
            return false;
        }

        var snapshot = Load(downloaded.Version, downloaded.Content, downloaded.Sha256);
        logger.LogInformation("Downloaded model {Version} ({Bytes} bytes, K = {Rank}); refitting users.",
            downloaded.Version, downloaded.Content.Length, snapshot.Rank);
        return await book.SwitchAsync(snapshot, ct => KeepCopyAsync(downloaded, ct), cancellationToken);
    }

    /// <summary>
    /// Applies ModelPromoted number <paramref name="promotion"/>: switches to <paramref name="version"/> (older than the
    /// one in force after a rollback) unless a later promotion was applied already.
    /// </summary>
    /// <returns>True when the promoted model is now in force.</returns>
    public async Task<bool> ApplyPromotionAsync(long version, long promotion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (promotion <= _promotion)
            {
                return false;
            }
        }

        var switched = await SyncAsync(version, cancellationToken);
        lock (_gate)
        {
            _promotion = Math.Max(_promotion, promotion);
        }

        return switched;
    }

    /// <summary>
    /// Puts the adapter's stored copy of the model last in force here (or its newest copy) in force, if it has one and no
    /// model is in force yet.
    /// </summary>
    /// <returns>The version resumed, or null.</returns>
    public async Task<long?> ResumeFromCopyAsync(CancellationToken cancellationToken)
    {
        var inForce = (await copies.GetRegistryAsync(cancellationToken)).ActiveVersion;
        var stored = inForce is { } version
            ? await copies.GetAsync(version, cancellationToken)
            : await copies.GetLatestAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        await book.ResumeAsync(Load(stored.Info.Version, stored.Content, stored.Info.Sha256), cancellationToken);
        return stored.Info.Version;
    }

    private static ModelSnapshot Load(long version, byte[] content, string sha256)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            return new ModelSnapshot(version, sha256, ModelFile.Read(stream));
        }
        catch (Exception e) when (e is ModelFileException or FormatException)
        {
            throw new InvalidDataException($"Model {version} cannot be used: {e.Message}", e);
        }
    }

    private async Task KeepCopyAsync(DownloadedModel model, CancellationToken cancellationToken)
    {
        try
        {
            await copies.PublishAsync(
                model.Version, model.Content, JsonSerializer.Serialize(new { source = "trainer", sha256 = model.Sha256 }), cancellationToken);
        }
        catch (ModelVersionExistsException)
        {
            // Versions are immutable: the copy from an earlier attempt (or an earlier time in force) holds the same bytes.
        }

        // Which copy is in force here, for a restart without the trainer (a rollback can put an older copy back).
        await copies.ActivateAsync(model.Version, "in force at this adapter", forced: false, gateJson: null, announce: null, cancellationToken);
    }
}
