using Attune.Contracts.V1;
using Attune.Generator.Backends;
using Grpc.Core;

namespace Attune.Generator.Domain;

/// <summary>
/// Best-of-n: n responses from the backend (each of at most max_tokens), scored with the user's reward by the adapter;
/// the reply carries every candidate with its reward, standard deviation and population reward, the user's pick (highest
/// r_u) and the pick of the population reward (highest mu . phi), which a non-personalized reranker would make.
/// </summary>
public sealed class BestOfNGenerator(IChatBackend backend, RewardScorer scorer)
{
    /// <summary>Generates; <paramref name="onCandidate"/> sees each scored candidate before the reply is returned.</summary>
    /// <exception cref="RpcException">UNAVAILABLE when the backend gave nothing usable or a peer failed; DEADLINE_EXCEEDED.</exception>
    public async Task<GenerateReply> GenerateAsync(
        GenerationSettings settings, Func<Candidate, Task>? onCandidate, CancellationToken cancellationToken)
    {
        var completions = await backend.CompleteAsync(
            new CompletionRequest(settings.Prompt, "", settings.N, settings.MaxTokens, settings.Temperature, settings.Seed, settings.Deadline),
            cancellationToken);
        var texts = CandidateTexts.Usable(completions.Select(c => c.Text));
        if (texts.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The backend {backend.Name} returned no usable response (all empty or over 32 KiB)."));
        }

        var (candidates, version) = await scorer.ScoreAsync(settings.UserId, settings.Prompt, texts, settings.Deadline, cancellationToken);
        if (onCandidate is not null)
        {
            foreach (var c in candidates)
            {
                await onCandidate(c);
            }
        }

        var chosen = Choice.ByReward(candidates);
        var population = Choice.ByPopulation(candidates);
        var reply = new GenerateReply
        {
            Response = candidates[chosen].Text,
            Chosen = chosen,
            PopulationChoice = population,
            PopulationResponse = candidates[population].Text,
            ModelVersion = version,
            Backend = backend.Name,
        };
        reply.Candidates.AddRange(candidates);
        return reply;
    }
}
