namespace Attune.Evaluation.Methods;

/// <summary>
/// The methods <c>attune eval</c> can run, by name. Global Bradley-Terry, the per-user model, the cluster model and the
/// oracle always run (they are cheap and every table needs them), and so does <c>attune</c> (today's method: the
/// dataset's featurizer, linear; the clusters and best-of-n are computed on it). The others are chosen with
/// <c>--methods</c>; each new featurizer also gets its own global Bradley-Terry row ("global-bt-minilm").
/// </summary>
public static class EvaluationMethods
{
    /// <summary>Today's method, always run.</summary>
    public const string Attune = "attune";

    /// <summary>The random-init joint-gradient baseline at Attune's K.</summary>
    public const string RewardFeatures = "reward-features";

    /// <summary>Every featurizer x learner combination, in report order.</summary>
    public static readonly IReadOnlyList<EvaluationMethod> Combinations =
    [
        new(Attune, EvaluationFeaturizer.Dataset, EvaluationLearner.Linear),
        new("attune-neural", EvaluationFeaturizer.Dataset, EvaluationLearner.Neural),
        new("attune-minilm", EvaluationFeaturizer.MiniLm, EvaluationLearner.Linear),
        new("attune-minilm-neural", EvaluationFeaturizer.MiniLm, EvaluationLearner.Neural),
        new("attune-composite", EvaluationFeaturizer.Composite, EvaluationLearner.Linear),
        new("attune-composite-neural", EvaluationFeaturizer.Composite, EvaluationLearner.Neural),
    ];

    /// <summary>Every name <see cref="Parse"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = [.. Combinations.Select(c => c.Name), RewardFeatures];

    /// <summary>The featurizer x learner combinations selected (always including <see cref="Attune"/>), in report order.</summary>
    public static IReadOnlyList<EvaluationMethod> Selected(IReadOnlySet<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Combinations.Where(c => c.Name == Attune || names.Contains(c.Name)).ToArray();
    }

    /// <summary>
    /// Parses a comma-separated list of names ("all" for every method); <see cref="Attune"/> is added when missing.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static IReadOnlySet<string> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = new SortedSet<string>(StringComparer.Ordinal) { Attune };
        foreach (var raw in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw == "all")
            {
                names.UnionWith(Names);
            }
            else if (Names.Contains(raw))
            {
                names.Add(raw);
            }
            else
            {
                throw new ArgumentException($"unknown method '{raw}'; known: all, {string.Join(", ", Names)}.", nameof(list));
            }
        }

        return names;
    }

    /// <summary>Every method.</summary>
    public static IReadOnlySet<string> All => new SortedSet<string>(Names, StringComparer.Ordinal);
}
