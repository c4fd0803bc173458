namespace Attune.Evaluation.Methods;

/// <summary>
/// One selectable method of <c>attune eval --methods</c>: a featurizer x learner combination of Attune
/// (<see cref="Name"/> is also the prefix of its cells, "attune-minilm:uncertainty"), or the reward-features baseline.
/// </summary>
/// <param name="Name">The name on the command line and in the report.</param>
/// <param name="Featurizer">What it trains on.</param>
/// <param name="Learner">How its basis is learned.</param>
public sealed record EvaluationMethod(string Name, EvaluationFeaturizer Featurizer, EvaluationLearner Learner)
{
    /// <summary>Whether it needs the texts encoded (MiniLM or composite): not available on a world without real texts.</summary>
    public bool NeedsText => Featurizer != EvaluationFeaturizer.Dataset;
}
