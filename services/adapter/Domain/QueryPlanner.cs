using Attune.Ml.Active;
using Grpc.Core;

namespace Attune.Adapter.Domain;

/// <summary>
/// Picks the next question for a user with <see cref="ActiveQuerySelector"/> over candidate phi-differences
/// z = phi(x, a) - phi(x, b): the request's candidates, or the pool's pairs the user has not answered yet.
/// </summary>
public sealed class QueryPlanner(ProfileBook book, PairPool pool)
{
    /// <summary>Chooses among <paramref name="candidates"/>, or among the pool when it is empty.</summary>
    /// <exception cref="RpcException">FAILED_PRECONDITION when there is no model or nothing left to ask.</exception>
    public async Task<QueryChoice> NextAsync(
        string userId, IReadOnlyList<QueryCandidate> candidates, QueryStrategy strategy, long seed, CancellationToken cancellationToken)
    {
        var model = book.RequireModel();
        var profile = await book.GetAsync(model, userId, cancellationToken);
        int k = model.Rank;
        QueryCandidate[] pairs;
        float[] z;
        if (candidates.Count > 0)
        {
            pairs = candidates.ToArray();
            z = new float[pairs.Length * k];
            for (int i = 0; i < pairs.Length; i++)
            {
                model.Difference(pairs[i].Prompt, pairs[i].ResponseA, pairs[i].ResponseB).CopyTo(z, i * k);
            }
        }
        else
        {
            var answered = await book.AnsweredPairsAsync(userId, cancellationToken);
            var fromPool = pool.Snapshot(answered);
            if (fromPool.Count == 0)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    "candidates: none given, and the adapter's pool holds no pair this user has not answered yet; pass candidates."));
            }

            pairs = fromPool.Select(p => new QueryCandidate("", p.Key.Prompt, p.Key.First, p.Key.Second)).ToArray();
            z = new float[pairs.Length * k];
            for (int i = 0; i < pairs.Length; i++)
            {
                fromPool[i].Difference(model).CopyTo(z, i * k);
            }
        }

        int best;
        double score = 0;
        if (strategy == QueryStrategy.Random)
        {
            best = ActiveQuerySelector.Select(strategy, profile.Mean, profile.Covariance, z, unchecked((int)(seed ^ (seed >> 32))));
        }
        else
        {
            var scores = new float[pairs.Length];
            ActiveQuerySelector.Score(strategy, profile.Mean, profile.Covariance, z, scores);
            best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(scores);
            score = scores[best];
        }

        var margin = Gaussian.Mean(profile.Mean, z.AsSpan(best * k, k));
        return new QueryChoice(pairs[best], score, Gaussian.Sigmoid(margin));
    }
}
