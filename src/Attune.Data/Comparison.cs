namespace Attune.Data;

/// <summary>
/// One pairwise judgement: user <see cref="UserId"/> compared <see cref="ResponseA"/> and <see cref="ResponseB"/> to
/// <see cref="Prompt"/>. <see cref="Preference"/> in [0, 1] is the probability (or hard label) that A is preferred:
/// 1 = A preferred, 0 = B preferred, 0.5 = tie. One line of the canonical JSONL format (docs/data-format.md).
/// </summary>
/// <param name="UserId">Who judged; non-empty.</param>
/// <param name="Prompt">The prompt x (may be empty).</param>
/// <param name="ResponseA">First response; differs from <paramref name="ResponseB"/>.</param>
/// <param name="ResponseB">Second response.</param>
/// <param name="Preference">P(A preferred over B), in [0, 1].</param>
public sealed record Comparison(string UserId, string Prompt, string ResponseA, string ResponseB, double Preference)
{
    /// <summary>Optional tag of the client or deployment that collected the judgement (JSON <c>client_id</c>).</summary>
    public string? ClientId { get; init; }

    /// <summary>Optional precomputed e(x, y_a), any fixed length D shared with <see cref="FeaturesB"/> (JSON <c>features_a</c>).</summary>
    public float[]? FeaturesA { get; init; }

    /// <summary>Optional precomputed e(x, y_b), same length as <see cref="FeaturesA"/> (JSON <c>features_b</c>).</summary>
    public float[]? FeaturesB { get; init; }

    /// <summary>
    /// The first rule this record breaks, as (JSON field, message), or null when it is valid: non-empty user, responses
    /// that differ, preference a number in [0, 1], feature vectors both present or both absent, of equal length, finite.
    /// </summary>
    public (string Field, string Message)? FindProblem()
    {
        if (string.IsNullOrWhiteSpace(UserId))
        {
            return ("user_id", "user_id is empty");
        }

        if (Prompt is null)
        {
            return ("prompt", "prompt is missing");
        }

        if (ResponseA is null || ResponseB is null)
        {
            return (ResponseA is null ? "response_a" : "response_b", "response is missing");
        }

        if (string.Equals(ResponseA, ResponseB, StringComparison.Ordinal))
        {
            return ("response_b", "response_a and response_b are identical");
        }

        if (double.IsNaN(Preference) || double.IsInfinity(Preference))
        {
            return ("preference", $"preference is {Preference}, not a finite number");
        }

        if (Preference is < 0 or > 1)
        {
            return ("preference", $"preference {Preference} is outside [0, 1]");
        }

        if ((FeaturesA is null) != (FeaturesB is null))
        {
            return (FeaturesA is null ? "features_a" : "features_b", "features_a and features_b must both be given or both omitted");
        }

        if (FeaturesA is not null && FeaturesB is not null)
        {
            if (FeaturesA.Length != FeaturesB.Length)
            {
                return ("features_b", $"features_a has {FeaturesA.Length} entries but features_b has {FeaturesB.Length}");
            }

            if (FeaturesA.Length == 0)
            {
                return ("features_a", "features_a is empty");
            }

            for (var i = 0; i < FeaturesA.Length; i++)
            {
                if (!float.IsFinite(FeaturesA[i]))
                {
                    return ("features_a", $"features_a[{i}] is not a finite number");
                }

                if (!float.IsFinite(FeaturesB[i]))
                {
                    return ("features_b", $"features_b[{i}] is not a finite number");
                }
            }
        }

        return null;
    }
}
