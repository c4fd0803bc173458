namespace Attune.Storage;

/// <summary>Where a model version stands in the trainer's registry.</summary>
public enum ModelState
{
    /// <summary>Trained (or imported) and not in force: waiting for the gate, or held while the registry is pinned.</summary>
    Candidate,

    /// <summary>The model in force: the one adapters score with. At most one version is active.</summary>
    Active,

    /// <summary>Refused by the gate; only a forced promotion puts it in force.</summary>
    Rejected,

    /// <summary>Was in force and was replaced (by a promotion or a rollback).</summary>
    Retired,
}

/// <summary>A version's registry entry.</summary>
/// <param name="Version">The model version.</param>
/// <param name="State">Its state.</param>
/// <param name="Reason">Why it is in that state, in words ("gate passed: ...", "rolled back", "pinned: ...").</param>
/// <param name="GateJson">The gate's figures for it (a JSON object), when the gate ran.</param>
/// <param name="Forced">Whether it was put in force by a forced promotion.</param>
/// <param name="ChangedAt">When the state last changed.</param>
public sealed record ModelStateRecord(long Version, ModelState State, string Reason, string? GateJson, bool Forced, DateTimeOffset ChangedAt);

/// <summary>The registry as a whole.</summary>
/// <param name="ActiveVersion">The model in force, if any.</param>
/// <param name="Pinned">While true, no automatic promotion happens (manual promotions and rollbacks still do).</param>
/// <param name="PinReason">Why it was pinned.</param>
/// <param name="Promotions">How many times a model was put in force: the sequence number of the latest promotion.</param>
public sealed record ModelRegistrySnapshot(long? ActiveVersion, bool Pinned, string PinReason, long Promotions);

/// <summary>The outcome of <see cref="IModelStore.ActivateAsync"/> or <see cref="IModelStore.RollbackAsync"/>.</summary>
/// <param name="Changed">False when nothing changed (the version was already in force, or there was nothing to roll back to).</param>
/// <param name="ActiveVersion">The model in force afterwards.</param>
/// <param name="PreviousVersion">The model in force before, if any.</param>
/// <param name="Promotion">The promotion's sequence number (unchanged when nothing changed).</param>
public sealed record ModelActivation(bool Changed, long? ActiveVersion, long? PreviousVersion, long Promotion);

/// <summary>Builds the bus message that announces a promotion, inside the registry's transaction (the outbox).</summary>
/// <param name="Version">The version put in force.</param>
/// <param name="Previous">The version it replaced, if any.</param>
/// <param name="Promotion">The promotion's sequence number.</param>
public delegate OutboxEntry PromotionAnnouncement(long Version, long? Previous, long Promotion);
