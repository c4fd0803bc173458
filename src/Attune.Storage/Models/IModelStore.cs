namespace Attune.Storage;

/// <summary>
/// The trainer's published models: immutable bytes plus metadata JSON per version. Publishing is one INSERT in one
/// transaction, so a crash mid-publish leaves no visible version, and readers never see partial bytes.
/// </summary>
public interface IModelStore : IInitializableStore
{
    /// <summary>Publishes a new version numbered one above the latest (1 for the first).</summary>
    /// <param name="content">The serialized model; not empty.</param>
    /// <param name="metadataJson">A JSON object (k, users, comparisons, metrics, ...).</param>
    /// <param name="cancellationToken">Cancels the publish; nothing becomes visible.</param>
    Task<ModelVersionInfo> PublishAsync(ReadOnlyMemory<byte> content, string metadataJson, CancellationToken cancellationToken = default);

    /// <summary>Publishes exactly <paramref name="version"/> (&gt;= 1), e.g. when importing models.</summary>
    /// <exception cref="ModelVersionExistsException">The version is already published.</exception>
    Task<ModelVersionInfo> PublishAsync(
        long version, ReadOnlyMemory<byte> content, string metadataJson, CancellationToken cancellationToken = default);

    /// <summary>A version with its bytes, or null when not published.</summary>
    /// <exception cref="InvalidDataException">The stored bytes no longer match their checksum.</exception>
    Task<StoredModel?> GetAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>The latest version with its bytes, or null when none is published.</summary>
    Task<StoredModel?> GetLatestAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> versions' metadata, newest first.</summary>
    Task<IReadOnlyList<ModelVersionInfo>> ListAsync(int limit = 100, CancellationToken cancellationToken = default);
}
