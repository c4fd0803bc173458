namespace Attune.Storage;

/// <summary>One answer a user gave to an adapter query (a comparison), kept to refit the user's weights.</summary>
/// <param name="ComparisonId">The comparison's id; an answer is stored once per id.</param>
/// <param name="UserId">Who answered.</param>
/// <param name="Prompt">The prompt x.</param>
/// <param name="ResponseA">The first response a.</param>
/// <param name="ResponseB">The second response b.</param>
/// <param name="Preference">P(user prefers a over b) in [0, 1].</param>
/// <param name="AnsweredAt">When the answer was recorded.</param>
public sealed record ProfileAnswer(
    Guid ComparisonId, string UserId, string Prompt, string ResponseA, string ResponseB, double Preference, DateTimeOffset AnsweredAt)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate() =>
        new NewComparison(ComparisonId, null, UserId, Prompt, ResponseA, ResponseB, Preference, AnsweredAt).Validate();
}
