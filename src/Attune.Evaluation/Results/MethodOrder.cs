namespace Attune.Evaluation.Results;

/// <summary>The display order and labels of method keys.</summary>
public static class MethodOrder
{
    private static readonly string[] Order =
    [
        "oracle", "global-bt", "per-user", "cluster",
        "reward-features:uncertainty", "reward-features:information-gain", "reward-features:random",
        "attune:uncertainty", "attune:information-gain", "attune:random",
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
        _ => method,
    };
}
