namespace Attune.Evaluation.Results;

/// <summary>The display order and labels of method keys.</summary>
public static class MethodOrder
{
    private static readonly string[] Order =
    [
        "oracle", "global-bt", "per-user", "cluster",
        "reward-features:uncertainty", "reward-features:information-gain", "reward-features:random",
        "attune:uncertainty", "attune:information-gain", "attune:random",
        "attune-neural:uncertainty", "attune-neural:information-gain", "attune-neural:random",
        "global-bt-minilm",
        "attune-minilm:uncertainty", "attune-minilm:information-gain", "attune-minilm:random",
        "attune-minilm-neural:uncertainty", "attune-minilm-neural:information-gain", "attune-minilm-neural:random",
        "global-bt-composite",
        "attune-composite:uncertainty", "attune-composite:information-gain", "attune-composite:random",
        "attune-composite-neural:uncertainty", "attune-composite-neural:information-gain", "attune-composite-neural:random",
        "true-basis:uncertainty", "true-basis:random",
    ];

    /// <summary>Position of a key in the display order (unknown keys last).</summary>
    public static int Rank(string method)
    {
        var i = Array.IndexOf(Order, method);
        return i < 0 ? Order.Length : i;
    }

    /// <summary>A human label for a key.</summary>
    public static string Label(string method) => method switch
    {
        "oracle" => "oracle (true reward)",
        "global-bt" => "global Bradley-Terry",
        "per-user" => "per-user logistic (random answers)",
        "cluster" => "cluster model (random answers)",
        "reward-features:uncertainty" => "reward features, random init (active)",
        "reward-features:information-gain" => "reward features, random init (info gain)",
        "reward-features:random" => "reward features, random init (random answers)",
        "attune:uncertainty" => "Attune (active: uncertainty)",
        "attune:information-gain" => "Attune (active: information gain)",
        "attune:random" => "Attune (random answers)",
        "true-basis:uncertainty" => "reference: true basis and prior (active)",
        "true-basis:random" => "reference: true basis and prior (random answers)",
        "global-bt-minilm" => "global Bradley-Terry, MiniLM",
        "global-bt-composite" => "global Bradley-Terry, composite",
        _ when method.StartsWith("attune-", StringComparison.Ordinal) && method.Contains(':', StringComparison.Ordinal) => Combination(method),
        _ => method,
    };

    /// <summary>"attune-minilm-neural:uncertainty" as "Attune, MiniLM, neural (active: uncertainty)".</summary>
    private static string Combination(string method)
    {
        var (name, strategy) = (method[..method.IndexOf(':', StringComparison.Ordinal)], method[(method.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var featurizer = name.Contains("-minilm", StringComparison.Ordinal) ? "MiniLM" : name.Contains("-composite", StringComparison.Ordinal) ? "composite" : "own featurizer";
        var learner = name.EndsWith("-neural", StringComparison.Ordinal) ? "neural" : "linear";
        var answers = strategy switch
        {
            "uncertainty" => "active: uncertainty",
            "information-gain" => "active: information gain",
            _ => "random answers",
        };
        return $"Attune, {featurizer}, {learner} ({answers})";
    }
}
