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

    /// <summary>The registry: the model in force, the pin, the promotion count.</summary>
    Task<ModelRegistrySnapshot> GetRegistryAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version's registry entry, newest first (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<ModelStateRecord>> ListStatesAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>A version's registry entry; null when the version has none (not published).</summary>
    Task<ModelStateRecord?> GetStateAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="version"/> as a candidate or rejected (with the reason and the gate's figures); an active
    /// version cannot be set back this way.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not Candidate or Rejected.</exception>
    /// <exception cref="KeyNotFoundException">No such version is published.</exception>
    /// <exception cref="InvalidOperationException">The version is active.</exception>
    Task SetStateAsync(long version, ModelState state, string reason, string? gateJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts <paramref name="version"/> in force in one transaction: the version in force before becomes retired, the
    /// promotion count rises, and the announcement <paramref name="announce"/> builds is queued in the outbox (null: none,
    /// as for an adapter's local copies, which only record which copy is in force). A version already in force changes
    /// nothing (idempotent).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such version is published.</exception>
    Task<ModelActivation> ActivateAsync(
        long version, string reason, bool forced, string? gateJson, PromotionAnnouncement? announce,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts back the version that was in force before the current one was promoted (walking back one promotion per call:
    /// promotions are a stack that each rollback pops), retiring
    /// the current one, in one transaction with its announcement. With <paramref name="fromVersion"/> set, nothing
    /// happens unless that version is the one in force (so a repeated request rolls back once).
    /// </summary>
    Task<ModelActivation> RollbackAsync(
        long? fromVersion, string reason, PromotionAnnouncement announce, CancellationToken cancellationToken = default);

    /// <summary>Pins or unpins the registry (idempotent); returns the registry afterwards.</summary>
    Task<ModelRegistrySnapshot> SetPinnedAsync(bool pinned, string reason, CancellationToken cancellationToken = default);

    /// <summary>Announcements queued by promotions and rollbacks and not yet published, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> PendingAnnouncementsAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Marks announcements published (after the broker took them).</summary>
    Task MarkAnnouncedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);
}
