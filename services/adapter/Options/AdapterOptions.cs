namespace Attune.Adapter.Options;

/// <summary>
/// The adapter's settings: section <c>Adapter</c> (<c>Adapter__PoolCapacity</c>, ...) plus the peers' addresses
/// <c>Services:Trainer</c> and <c>Services:Feedback</c>. Ranges are checked at start-up, naming the key.
/// </summary>
public sealed class AdapterOptions
{
    /// <summary>Most candidates a NextQuery request may carry.</summary>
    public const int MaxRequestCandidates = 10_000;

    /// <summary>Most responses a Score request may carry.</summary>
    public const int MaxScoredResponses = 256;

    /// <summary>Distinct pairs kept in the query pool (oldest dropped first).</summary>
    public int PoolCapacity { get; set; } = 10_000;

    /// <summary>Deadline of one RecordComparison call to the feedback service.</summary>
    public TimeSpan FeedbackTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of one model download from the trainer.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest wait between start-up attempts to reach the trainer while it is down.</summary>
    public TimeSpan MaxStartupRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the adapter asks the trainer which model is in force (ListModels, metadata only) and switches if it differs:
    /// the safety net for a ModelPromoted lost while the broker restarted (each replica's model queue is temporary).
    /// Default 30 s; zero turns it off.
    /// </summary>
    public TimeSpan ModelCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key of the first value out of range.</summary>
    public void Validate()
    {
        if (PoolCapacity < 1)
        {
            throw new InvalidOperationException($"Adapter:PoolCapacity must be >= 1; got {PoolCapacity}.");
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(FeedbackTimeout), FeedbackTimeout), (nameof(DownloadTimeout), DownloadTimeout),
                     (nameof(MaxStartupRetryDelay), MaxStartupRetryDelay),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Adapter:{name} must be positive; got {value}.");
            }
        }
    }
}
