namespace Attune.Storage;

/// <summary>The trainer's copy of one comparison, filled from FeedbackRecorded events.</summary>
/// <param name="Id">The feedback service's comparison id.</param>
/// <param name="UserId">Who judged.</param>
/// <param name="Prompt">The prompt x.</param>
/// <param name="ResponseA">The first response a.</param>
/// <param name="ResponseB">The second response b.</param>
/// <param name="Preference">P(user prefers a over b) in [0, 1].</param>
/// <param name="RecordedAt">When the feedback service accepted it.</param>
public sealed record TrainingComparison(
    Guid Id, string UserId, string Prompt, string ResponseA, string ResponseB, double Preference, DateTimeOffset RecordedAt)
{
    /// <summary>
    /// The trainer store's own sequence number, allocated increasing when the comparison first arrives; set on reads,
    /// ignored on writes.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate() =>
        new NewComparison(Id, null, UserId, Prompt, ResponseA, ResponseB, Preference, RecordedAt).Validate();
}
