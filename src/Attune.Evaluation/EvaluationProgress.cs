namespace Attune.Evaluation;

/// <summary>Progress of an evaluation: what is running and the fraction of the whole run done, in [0, 1].</summary>
/// <param name="Stage">E.g. "seed 3/10: training Attune".</param>
/// <param name="Fraction">Overall fraction done.</param>
public readonly record struct EvaluationProgress(string Stage, double Fraction);
