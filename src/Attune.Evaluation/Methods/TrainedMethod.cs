using Attune.Evaluation.Data;
using Attune.Ml.Models;

namespace Attune.Evaluation.Methods;

/// <summary>
/// A featurizer x learner method trained for one seed: its model over <paramref name="View"/>'s responses, the wall-clock
/// seconds of its training (a neural method's include the linear start it trains from), and the training users' own
/// test-prompt AUC.
/// </summary>
internal sealed record TrainedMethod(EvaluationMethod Method, PrefModel Model, ResponseFeatureView View, double Seconds, double SeenAuc);
