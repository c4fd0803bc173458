namespace Attune.Evaluation.Methods;

/// <summary>How a method's basis is learned.</summary>
public enum EvaluationLearner
{
    /// <summary>PReF's linear basis phi = V e (<c>PrefTrainer</c>, SVD init, alternating).</summary>
    Linear,

    /// <summary>phi = V e + U tanh(H e + b), trained by <c>NeuralPrefTrainer</c> from the linear solution with U = 0.</summary>
    Neural,
}
