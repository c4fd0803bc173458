namespace Attune.Storage;

/// <summary>A comparison to store: one user's judgement of which of two responses to a prompt they prefer.</summary>
/// <param name="Id">Identifier chosen by the caller (not <see cref="Guid.Empty"/>).</param>
/// <param name="ClientId">Optional idempotency key: a second comparison with the same (user, client id) is not stored.</param>
/// <param name="UserId">Who judged; required.</param>
/// <param name="Prompt">The prompt x.</param>
/// <param name="ResponseA">The first response a.</param>
/// <param name="ResponseB">The second response b.</param>
/// <param name="Preference">P(user prefers a over b) in [0, 1]: 1 = a, 0 = b, 0.5 = tie.</param>
/// <param name="RecordedAt">When the service accepted it.</param>
public sealed record NewComparison(
    Guid Id,
    string? ClientId,
    string UserId,
    string Prompt,
    string ResponseA,
    string ResponseB,
    double Preference,
    DateTimeOffset RecordedAt)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that breaks the store's invariants.</summary>
    public void Validate()
    {
        if (Id == Guid.Empty)
        {
            throw new ArgumentException("comparison_id must not be empty.", "comparison_id");
        }

        if (string.IsNullOrEmpty(UserId))
        {
            throw new ArgumentException("user_id is required.", "user_id");
        }

        if (ClientId is { Length: 0 })
        {
            throw new ArgumentException("client_id must be null or non-empty.", "client_id");
        }

        ArgumentNullException.ThrowIfNull(Prompt, "prompt");
        ArgumentNullException.ThrowIfNull(ResponseA, "response_a");
        ArgumentNullException.ThrowIfNull(ResponseB, "response_b");
        if (!double.IsFinite(Preference) || Preference is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException("preference", Preference, "preference must be in [0, 1].");
        }
    }
}
