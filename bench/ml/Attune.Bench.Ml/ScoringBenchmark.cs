using System.Numerics.Tensors;
using Attune.Ml.Data;
using Attune.Ml.Models;
using Attune.Ml.Users;

namespace Attune.Bench.Ml;

/// <summary>
/// Rewards r_u(e_i) = w_u . V e_i of n responses from precomputed embeddings e (shape (n, D)), through the model's public
/// API (<see cref="PrefModel.RewardFeatures(ReadOnlySpan{float}, Span{float})"/> per response, then w_u . phi), and through the batch API
/// <see cref="PrefModel.Rewards(int, Attune.Ml.Data.FeatureMatrix, Span{float})"/> (u = V^T w_u once, r_i = e_i . u).
/// </summary>
internal static class ScoringBenchmark
{
    public static Dictionary<string, object> Run(BenchDataset data, int repetitions)
    {
        float[] v = data.Float32("score.v");
        float[] w = data.Float32("score.w");
        float[] embeddings = data.Float32("score.e");
        int k = w.Length;
        int d = v.Length / k;
        var identity = new double[k * k];
        for (int a = 0; a < k; a++)
        {
            identity[a * k + a] = 1.0;
        }

        var model = new PrefModel("bench", k, d, v, ["user"], w, new GaussianPrior(new double[k], identity), "bench");
        var results = new Dictionary<string, object>();
        foreach (int n in data.IntList("score_sizes"))
        {
            var rewards = new float[n];
            var phi = new float[k];
            var batch = new DenseFeatureMatrix(embeddings[..(n * d)], n, d);
            void ThroughModel()
            {
                ReadOnlySpan<float> wu = model.GetUserWeights(0);
                for (int i = 0; i < n; i++)
                {
                    model.RewardFeatures(embeddings.AsSpan(i * d, d), phi);
                    rewards[i] = TensorPrimitives.Dot(wu, phi);
                }
            }

            void Folded() => model.Rewards(0, batch, rewards);

            ThroughModel();
            double checksumModel = rewards.Sum(r => (double)r);
            Folded();
            double checksumFolded = rewards.Sum(r => (double)r);
            results[n.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new Dictionary<string, object>
            {
                ["model"] = new Dictionary<string, object> { ["timing"] = Measure.Run(ThroughModel, repetitions), ["checksum"] = checksumModel },
                ["folded"] = new Dictionary<string, object> { ["timing"] = Measure.Run(Folded, repetitions), ["checksum"] = checksumFolded },
            };
        }

        return results;
    }
}
