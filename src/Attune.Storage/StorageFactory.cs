using Attune.Storage.Internal;

namespace Attune.Storage;

/// <summary>
/// Creates stores from <see cref="StorageOptions"/>: SQLite or PostgreSQL as the options say. Each store owns its
/// connection pool and releases it on dispose; call <see cref="IInitializableStore.InitializeAsync"/> before use.
/// </summary>
public static class StorageFactory
{
    /// <summary>The feedback service's comparisons and outbox.</summary>
    public static IFeedbackStore CreateFeedbackStore(StorageOptions options, TimeProvider? time = null) =>
        new FeedbackStore(DatabaseFactory.Create(options), time ?? TimeProvider.System);

    /// <summary>The trainer's copy of the feedback.</summary>
    public static ITrainingDataStore CreateTrainingDataStore(StorageOptions options, TimeProvider? time = null) =>
        new TrainingDataStore(DatabaseFactory.Create(options), time ?? TimeProvider.System);

    /// <summary>The trainer's published models.</summary>
    public static IModelStore CreateModelStore(StorageOptions options, TimeProvider? time = null) =>
        new ModelStore(DatabaseFactory.Create(options), time ?? TimeProvider.System);

    /// <summary>The trainer's training jobs.</summary>
    public static ITrainingJobStore CreateTrainingJobStore(StorageOptions options, TimeProvider? time = null) =>
        new TrainingJobStore(DatabaseFactory.Create(options), time ?? TimeProvider.System);

    /// <summary>The adapter's answers and fitted weights.</summary>
    public static IProfileStore CreateProfileStore(StorageOptions options, TimeProvider? time = null) =>
        new ProfileStore(DatabaseFactory.Create(options), time ?? TimeProvider.System);

    /// <summary>A consumer inbox in the given database (the same one as the consumer's store, to share transactions).</summary>
    public static IInbox CreateInbox(StorageOptions options, TimeProvider? time = null) =>
        new SqlInbox(DatabaseFactory.Create(options), time ?? TimeProvider.System);
}
