using Attune.Data.Styles;
using Attune.Evaluation.Data;
using Attune.Ml.Models;
using Attune.Ml.Serialization;
using Attune.Ml.Training;
using Attune.Ml.Users;
using Attune.Text.Hashing;

namespace Attune.Adapter.Tests;

/// <summary>
/// The models the in-test trainer serves: PReF trained once per test run on a small <c>styles</c> world featurized with
/// the default hashing featurizer, and a second version with a different basis (its first K - 1 base functions, the
/// prior's marginal over them, no clusters).
/// </summary>
public static class TestModels
{
    private static readonly Lazy<PrefModel> Trained = new(Train);

    /// <summary>Version 1: the trained model's file.</summary>
    public static byte[] First => Write(Trained.Value);

    /// <summary>K of version 1.</summary>
    public static int FirstRank => Trained.Value.Rank;

    /// <summary>Version 2: a different basis of rank K - 1.</summary>
    public static byte[] Second
    {
        get
        {
            var m = Trained.Value;
            int k = m.Rank - 1;
            var mean = m.Prior.Mean[..k].ToArray();
            var covariance = new double[k * k];
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    covariance[a * k + b] = m.Prior.Covariance[a * m.Rank + b];
                }
            }

            var weights = new float[m.UserIds.Count * k];
            for (int u = 0; u < m.UserIds.Count; u++)
            {
                m.GetUserWeights(u)[..k].CopyTo(weights.AsSpan(u * k, k));
            }

            return Write(new PrefModel(
                m.Method, k, m.Dimension, m.V[..(k * m.Dimension)].ToArray(), m.UserIds, weights, new GaussianPrior(mean, covariance), m.Featurizer));
        }
    }

    private static PrefModel Train()
    {
        var world = StylesWorld.Generate(new StylesOptions(seed: 1, prompts: 24, pairsPerPrompt: 20, comparisonsPerUser: 60));
        var featurizer = new HashingFeaturizer();
        var set = FeaturizedDataset.Build(world, featurizer).ToComparisonSet();
        var options = new PrefTrainingOptions { Rank = 6, Seed = 7, MaxOuterIterations = 8, Featurizer = featurizer.Description };
        return new PrefTrainer(options).Train(set).Model;
    }

    private static byte[] Write(PrefModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        return stream.ToArray();
    }
}
