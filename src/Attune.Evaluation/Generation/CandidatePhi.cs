using Attune.Evaluation.Data;
using Attune.Ml.Models;

namespace Attune.Evaluation.Generation;

/// <summary>phi = V e of every response of the given prompts (shape (responses, K) per prompt), computed once per seed.</summary>
internal sealed class CandidatePhi
{
    public CandidatePhi(FeaturizedDataset data, IEnumerable<int> prompts, PrefModel model)
    {
        int k = model.Rank, d = model.Dimension;
        foreach (int p in prompts)
        {
            var candidates = data.Dataset.Prompts[p];
            var phi = new float[candidates.Responses.Count * k];
            for (int j = 0; j < candidates.Responses.Count; j++)
            {
                var e = data.ResponseFeatures(candidates.Prompt, candidates.Responses[j]);
                for (int a = 0; a < k; a++)
                {
                    phi[j * k + a] = (float)e.Dot(model.V.Slice(a * d, d));
                }
            }

            Prompts.Add((candidates.Prompt, candidates.Responses, phi));
        }
    }

    public List<(string Prompt, IReadOnlyList<string> Responses, float[] Phi)> Prompts { get; } = [];
}
