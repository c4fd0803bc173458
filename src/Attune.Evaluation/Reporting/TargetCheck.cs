namespace Attune.Evaluation.Reporting;

/// <summary>One acceptance target of the evaluation and whether this run meets it.</summary>
/// <param name="Name">What is claimed.</param>
/// <param name="Met">True or false; null when the run cannot decide (e.g. the study was skipped).</param>
/// <param name="Detail">The numbers behind the verdict.</param>
public sealed record TargetCheck(string Name, bool? Met, string Detail);
