using Attune.Storage;

namespace Attune.Trainer.Training;

/// <summary>
/// What a training set is made of, before featurizing: the held-out slice is set aside (the gate scores on it), exact
/// repeats of a (user, prompt, response a, response b, preference) count once, and one user's share of the set is capped
/// at the larger of the configured share and an even split between its users (their newest comparisons are kept). <see cref="Dropped"/> says how many each rule removed.
/// </summary>
/// <param name="Training">The comparisons to train on.</param>
/// <param name="HeldOut">The held-out slice (every held-out comparison, repeats included: the gate scores what users said).</param>
/// <param name="Dropped">Counts by reason: <c>repeat</c>, <c>user_share</c>; and <c>held_out</c>, set aside, not lost.</param>
public sealed record TrainingHygiene(
    IReadOnlyList<TrainingComparison> Training, IReadOnlyList<TrainingComparison> HeldOut, IReadOnlyDictionary<string, long> Dropped)
{
    /// <summary>Splits and cleans <paramref name="rows"/>.</summary>
    /// <param name="rows">Every stored comparison, in sequence order.</param>
    /// <param name="heldOutPercent">The held-out slice's size (see <see cref="Gate.HeldOut"/>).</param>
    /// <param name="maxUserShare">Largest share of the training set one user may take, in (0, 1].</param>
    public static TrainingHygiene Apply(IReadOnlyList<TrainingComparison> rows, int heldOutPercent, double maxUserShare)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var heldOut = new List<TrainingComparison>();
        var seen = new HashSet<(string, string, string, string, double)>();
        var unique = new List<TrainingComparison>();
        long repeats = 0;
        foreach (var c in rows)
        {
            if (Gate.HeldOut.Contains(c.Id, heldOutPercent))
            {
                heldOut.Add(c);
            }
            else if (!seen.Add((c.UserId, c.Prompt, c.ResponseA, c.ResponseB, c.Preference)))
            {
                repeats++;
            }
            else
            {
                unique.Add(c);
            }
        }

        // Never below an even split: with few users, each may hold more than the share.
        var counts = unique.CountBy(c => c.UserId).ToDictionary(StringComparer.Ordinal);
        var even = counts.Count == 0 ? 0 : (int)Math.Ceiling(unique.Count / (double)counts.Count);
        var cap = maxUserShare >= 1 ? int.MaxValue : Math.Max(even, (int)Math.Floor(maxUserShare * unique.Count));
        var kept = unique;
        long overShare = 0;
        if (counts.Values.Any(n => n > cap))
        {
            // Newest first per user: the newest `cap` of each user stay, in their original order.
            var budget = counts.ToDictionary(kv => kv.Key, _ => cap, StringComparer.Ordinal);
            var keep = new bool[unique.Count];
            for (var i = unique.Count - 1; i >= 0; i--)
            {
                if (budget[unique[i].UserId]-- > 0)
                {
                    keep[i] = true;
                }
                else
                {
                    overShare++;
                }
            }

            kept = [.. unique.Where((_, i) => keep[i])];
        }

        var dropped = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["repeat"] = repeats,
            ["user_share"] = overShare,
            ["held_out"] = heldOut.Count,
        };
        return new TrainingHygiene(kept, heldOut, dropped);
    }
}
