using Attune.Contracts.V1;
using Attune.Generator.Backends;
using Grpc.Core;

namespace Attune.Generator.Domain;

/// <summary>
/// Block-wise value-guided sampling, an approximation of value-augmented sampling (Han et al. 2024) that needs only a
/// chat completions API: the response grows one block of block_tokens tokens at a time; for each block the backend
/// samples n continuations of the partial response, the adapter scores prompt + (partial + continuation) with the user's
/// reward, and the continuation valued most is kept. The reward stands in for VAS's learned value function: it scores the
/// partial response as if it were complete. Stops when the kept continuation ends the response (finish_reason "stop"),
/// when max_tokens have been requested, or when the backend has nothing more to add.
/// </summary>
public sealed class BlockwiseGenerator(IChatBackend backend, RewardScorer scorer)
{
    /// <summary>Seeds of successive blocks differ by this (the extra single-choice requests of a block use seed + i).</summary>
    public const long BlockSeedStride = 1000;

    /// <summary>
    /// Generates; <paramref name="onBlock"/> sees each kept block as it is chosen. The reply's candidates are the kept
    /// blocks, each with the reward of the response up to and including it; <c>chosen</c> is the last block, and there
    /// is no population pick (<c>population_choice</c> -1): building a second, population-guided response would double
    /// the backend calls.
    /// </summary>
    /// <exception cref="RpcException">UNAVAILABLE when the first block has no usable continuation or a peer failed; DEADLINE_EXCEEDED.</exception>
    public async Task<GenerateReply> GenerateAsync(GenerationSettings settings, Func<string, Task>? onBlock, CancellationToken cancellationToken)
    {
        var partial = "";
        var blocks = new List<Candidate>();
        long version = 0;
        for (var used = 0; used < settings.MaxTokens; used += settings.BlockTokens)
        {
            var tokens = Math.Min(settings.BlockTokens, settings.MaxTokens - used);
            var seed = settings.Seed == 0 ? 0 : settings.Seed + (blocks.Count * BlockSeedStride);
            var completions = await backend.CompleteAsync(
                new CompletionRequest(settings.Prompt, partial, settings.N, tokens, settings.Temperature, seed, settings.Deadline), cancellationToken);
            var prefix = partial;
            var options = completions
                .Where(c => c.Text.Length > 0)
                .DistinctBy(c => c.Text, StringComparer.Ordinal)
                .Where(c => CandidateTexts.Usable([prefix + c.Text]).Count == 1)
                .ToList();
            if (options.Count == 0)
            {
                if (blocks.Count == 0)
                {
                    throw new RpcException(new Status(StatusCode.Unavailable, $"The backend {backend.Name} returned no usable continuation."));
                }

                break;
            }

            var (scored, modelVersion) = await scorer.ScoreAsync(
                settings.UserId, settings.Prompt, options.Select(c => prefix + c.Text).ToList(), settings.Deadline, cancellationToken);
            version = modelVersion;
            var best = Choice.ByReward(scored);
            var kept = options[best];
            partial += kept.Text;
            blocks.Add(new Candidate
            {
                Text = kept.Text, Reward = scored[best].Reward, StdDev = scored[best].StdDev, PopulationReward = scored[best].PopulationReward,
            });
            if (onBlock is not null)
            {
                await onBlock(kept.Text);
            }

            if (kept.Finished)
            {
                break;
            }
        }

        var reply = new GenerateReply
        {
            Response = partial,
            Chosen = blocks.Count - 1,
            PopulationChoice = -1,
            ModelVersion = version,
            Backend = backend.Name,
        };
        reply.Candidates.AddRange(blocks);
        return reply;
    }
}
