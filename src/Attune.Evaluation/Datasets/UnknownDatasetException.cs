namespace Attune.Evaluation.Datasets;

/// <summary>A dataset name the evaluation does not know; the message lists the known ones.</summary>
public sealed class UnknownDatasetException(string name, IReadOnlyList<string> known)
    : ArgumentException($"unknown dataset '{name}'. Known datasets: {string.Join(", ", known)}.")
{
    /// <summary>The name asked for.</summary>
    public string Name { get; } = name;
}
