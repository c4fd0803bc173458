using Attune.Ml.Clustering;
using Attune.Ml.Factorization;
using Attune.Ml.Models;
using Attune.Text;
using Attune.Text.Labels;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Attune.Trainer.Training;

/// <summary>
/// Makes a trained model's base functions nameable, then names them. PReF identifies W and V only up to an invertible
/// K x K change of basis (W V = (W M)(M^-1 V)), so the trainer picks the basis in which they can be read one by one,
/// changing no reward and no margin (<see cref="PrefModel.ChangeBasis"/>): the training users' weights are whitened
/// by the population prior (M1 = Sigma^-1/2, so the prior's covariance becomes I) and varimax-rotated (<see cref="Varimax"/>, R) so that each user leans on few
/// functions and each function carries one of the things users disagree about; each function is then scaled to unit
/// standard deviation over the training responses (so a weight of 1 is one standard deviation of reward per unit), the
/// functions ordered by how much users' weights on them vary, and each signed so that the population's mean weight is
/// not negative (the positive side is the one users prefer on average). Clusters are refitted in the new basis. Then each
/// phi_k is scored on (at most <see cref="MaxResponses"/>, a seeded sample of) the distinct training responses and
/// described by <see cref="DirectionLabeler"/> (style statistics and words that rise with it, the highest- and
/// lowest-scoring response). A model without training users (or K = 1) keeps its basis and is only labelled.
/// </summary>
public static class BasisLabels
{
    /// <summary>Most responses scored per model (labelling costs one featurization and K dot products each).</summary>
    public const int MaxResponses = 3000;

    /// <summary><paramref name="model"/> in its readable basis with one label per base function (unchanged when fewer than 2 responses).</summary>
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

        var embeddings = distinct.Select(r => featurizer.Featurize(r).ToDense()).ToArray();
        model = Readable(model, embeddings, seed);
        var phi = Phi(model, embeddings);
        return model.WithLabels([.. Enumerable.Range(0, model.Rank).Select(j =>
        {
            var d = DirectionLabeler.Describe(distinct, phi[j]);
            return new BaseFunctionLabel(d.Name, d.Positive, d.Negative, d.HighExample, d.LowExample);
        })]);
    }

    /// <summary>phi_k of every embedding: shape (K)(responses).</summary>
    private static double[][] Phi(PrefModel model, float[][] embeddings)
    {
        var k = model.Rank;
        var phi = new double[k][];
        for (var j = 0; j < k; j++)
        {
            phi[j] = new double[embeddings.Length];
        }

        var row = new float[k];
        for (var i = 0; i < embeddings.Length; i++)
        {
            model.RewardFeatures(embeddings[i], row);
            for (var j = 0; j < k; j++)
            {
                phi[j][i] = row[j];
            }
        }

        return phi;
    }

    /// <summary>The whitened, varimax-rotated, scaled, ordered and signed basis, clusters refitted.</summary>
    internal static PrefModel Readable(PrefModel model, float[][] embeddings, int seed)
    {
        int k = model.Rank, n = model.UserIds.Count;
        if (k < 2 || n <= k)
        {
            return model;
        }

        // M1 = Sigma^-1/2 of the population prior (the users' weights' covariance, shrunk: well conditioned even when a
        // direction barely varies), then the varimax R of W M1.
        var w = Matrix<double>.Build.Dense(n, k, (u, j) => model.UserWeights[u * k + j]);
        var prior = Matrix<double>.Build.DenseOfRowMajor(k, k, model.Prior.Covariance.ToArray());
        var evd = (0.5 * (prior + prior.Transpose())).Evd(Symmetricity.Symmetric);
        var floor = Math.Max(evd.EigenValues.Real().Maximum() * 1e-6, 1e-12);
        var whiten = evd.EigenVectors
            * Matrix<double>.Build.DenseOfDiagonalVector(evd.EigenValues.Real().Map(l => 1 / Math.Sqrt(Math.Max(l, floor))))
            * evd.EigenVectors.Transpose();
        var whitened = (w * whiten).ToRowMajorArray().Select(x => (float)x).ToArray();
        var rotation = Matrix<double>.Build.DenseOfRowMajor(k, k, Varimax.Rotation(whitened, n, k));
        var step = model.ChangeBasis((whiten * rotation).ToRowMajorArray());

        // Unit standard deviation of each phi_k over the responses: phi'' = phi' / s, so M2 = diag(s).
        var phi = Phi(step, embeddings);
        var spread = phi.Select(StandardDeviation).ToArray();
        var scale = spread.Select(sd => Math.Max(sd, Math.Max(spread.Max() * 1e-6, 1e-12))).ToArray();
        step = step.ChangeBasis(Matrix<double>.Build.DenseOfDiagonalArray(scale).ToRowMajorArray());

        // Order by the variance of users' weights, sign by their mean: a signed permutation.
        var weights = step.UserWeights.ToArray();
        var columns = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, n).Select(u => (double)weights[u * k + j]).ToArray()).ToArray();
        var order = Enumerable.Range(0, k).OrderByDescending(j => StandardDeviation(columns[j])).ThenBy(j => j).ToArray();
        var p = new double[k * k];
        for (int j = 0; j < k; j++)
        {
            p[order[j] * k + j] = columns[order[j]].Average() < 0 ? -1 : 1;
        }

        step = step.ChangeBasis(p);
        var clusters = model.Clusters is null ? null : UserClustering.Fit(step.UserWeights, k, seed: seed);
        return step.WithClusters(clusters);
    }

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
