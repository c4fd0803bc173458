using Attune.Ml.Models;
using Attune.Text;
using Attune.Text.Labels;

namespace Attune.Trainer.Training;

/// <summary>
/// Names a trained model's base functions from the responses it was trained on: each phi_k is scored on (at most
/// <see cref="MaxResponses"/>, a seeded sample of) the distinct training responses and described by
/// <see cref="DirectionLabeler"/> (style statistics and words that rise with it, the highest- and lowest-scoring
/// response). The basis is fixed by then; labelling changes no number of the model.
/// </summary>
public static class BasisLabels
{
    /// <summary>Most responses scored per model (labelling costs one featurization and K dot products each).</summary>
    public const int MaxResponses = 3000;

    /// <summary><paramref name="model"/> with one label per base function (unchanged when fewer than 2 responses).</summary>
    public static PrefModel Label(PrefModel model, IFeaturizer featurizer, IEnumerable<TextPair> responses, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(responses);
        var distinct = responses.Distinct().ToList();
        if (distinct.Count > MaxResponses)
        {
            var random = new Random(seed);
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(distinct));
            distinct = distinct[..MaxResponses];
        }

        if (distinct.Count < 2)
        {
            return model;
        }

        var k = model.Rank;
        var phi = new double[k][];
        for (var j = 0; j < k; j++)
        {
            phi[j] = new double[distinct.Count];
        }

        var row = new float[k];
        for (var i = 0; i < distinct.Count; i++)
        {
            model.RewardFeatures(featurizer.Featurize(distinct[i]).ToDense(), row);
            for (var j = 0; j < k; j++)
            {
                phi[j][i] = row[j];
            }
        }

        return model.WithLabels([.. Enumerable.Range(0, k).Select(j =>
        {
            var d = DirectionLabeler.Describe(distinct, phi[j]);
            return new BaseFunctionLabel(d.Name, d.Positive, d.Negative, d.HighExample, d.LowExample);
        })]);
    }
}
