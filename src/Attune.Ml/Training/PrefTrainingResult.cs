using Attune.Ml.Models;

namespace Attune.Ml.Training;

/// <summary>What a <see cref="PrefTrainer"/> run produced and how it got there.</summary>
public sealed class PrefTrainingResult
{
    internal PrefTrainingResult(
        PrefModel model, InitializationKind initialization, string? initializationReason, int? elbowRank,
        IReadOnlyDictionary<int, double> candidateValidationLoss, double trainLoss, double validationLoss, int iterations)
    {
        Model = model;
        InitializationUsed = initialization;
        InitializationReason = initializationReason;
        ElbowRank = elbowRank;
        CandidateValidationLoss = candidateValidationLoss;
        TrainLoss = trainLoss;
        ValidationLoss = validationLoss;
        Iterations = iterations;
    }

    /// <summary>The trained model (K = Model.Rank).</summary>
    public PrefModel Model { get; }

    /// <summary>How V and W were initialised.</summary>
    public InitializationKind InitializationUsed { get; }

    /// <summary>Why the fallback was taken (null when the requested initialisation ran).</summary>
    public string? InitializationReason { get; }

    /// <summary>The elbow of the spectrum, when K was chosen automatically from it.</summary>
    public int? ElbowRank { get; }

    /// <summary>Mean validation loss per candidate K tried (empty when K was fixed or chosen without validation).</summary>
    public IReadOnlyDictionary<int, double> CandidateValidationLoss { get; }

    /// <summary>Mean training BCE (without the penalty) of the kept parameters.</summary>
    public double TrainLoss { get; }

    /// <summary>Mean validation BCE of the kept parameters; NaN without a validation split.</summary>
    public double ValidationLoss { get; }

    /// <summary>Rounds (alternating) or L-BFGS iterations (joint) of the chosen K's run.</summary>
    public int Iterations { get; }
}
