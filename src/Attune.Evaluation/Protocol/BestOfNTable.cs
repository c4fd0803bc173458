using Attune.Data;
using Attune.Evaluation.Data;
using Attune.Ml.Metrics;
using Attune.Ml.Models;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// Best-of-n on the test prompts: every candidate response's reward features phi = V e (Attune's V) and its global
/// Bradley-Terry reward beta . e, computed once per seed; a user's win rate compares the pick of w . phi with the pick of
/// beta . e under the user's true reward (<see cref="BestOfN.WinRate"/>, ties 1/2), averaged over prompts.
/// </summary>
internal sealed class BestOfNTable
{
    private readonly List<(string Prompt, IReadOnlyList<string> Responses, float[] Phi, float[] Baseline)> _prompts = [];
    private readonly int _rank;

    public BestOfNTable(FeaturizedDataset data, IEnumerable<int> testPrompts, PrefModel attune, LinearRewardModel bradleyTerry)
    {
        _rank = attune.Rank;
        int d = attune.Dimension;
        foreach (int p in testPrompts)
        {
            var candidates = data.Dataset.Prompts[p];
            if (candidates.Responses.Count < 2)
            {
                continue;
            }

            int n = candidates.Responses.Count;
            var phi = new float[n * _rank];
            var baseline = new float[n];
            for (int j = 0; j < n; j++)
            {
                var e = data.ResponseFeatures(candidates.Prompt, candidates.Responses[j]);
                for (int a = 0; a < _rank; a++)
                {
                    phi[j * _rank + a] = (float)e.Dot(attune.V.Slice(a * d, d));
                }

                baseline[j] = (float)e.Dot(bradleyTerry.Coefficients[..d]);
            }

            _prompts.Add((candidates.Prompt, candidates.Responses, phi, baseline));
        }
    }

    /// <summary>Mean win rate over the test prompts of the user's fitted reward w . phi (w of length K); NaN without prompts.</summary>
    public double WinRate(IGroundTruth truth, string userId, ReadOnlySpan<double> w)
    {
        if (_prompts.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (var (prompt, responses, phi, baseline) in _prompts)
        {
            var rewards = Margins.Of(phi, w);
            var trueRewards = responses.Select(r => (float)truth.Reward(userId, prompt, r)).ToArray();
            sum += BestOfN.WinRate(trueRewards, rewards, baseline, responses.Count);
        }

        return sum / _prompts.Count;
    }
}
