using Attune.Contracts.V1;
using Attune.Generator.Options;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Attune.Generator.Domain;

/// <summary>
/// Scores responses with the user's reward through the adapter's Score RPC (r_u = w_u . phi, its standard deviation and
/// the population reward mu . phi). The call ends a little before the caller's deadline (<see cref="CallBudget"/>) or at
/// <see cref="GeneratorOptions.AdapterTimeout"/>. Errors: FAILED_PRECONDITION (no model in force) passes through; a slow
/// adapter is DEADLINE_EXCEEDED; an unreachable or failing one UNAVAILABLE, each naming the adapter.
/// </summary>
public sealed class RewardScorer(AdapterPeer adapter, IOptions<GeneratorOptions> options)
{
    /// <summary>One candidate per response, in order, and the model version the rewards are expressed in.</summary>
    public async Task<(List<Candidate> Candidates, long ModelVersion)> ScoreAsync(
        string userId, string prompt, IReadOnlyList<string> responses, DateTime deadline, CancellationToken cancellationToken)
    {
        var client = adapter.Client ?? throw new RpcException(
            new Status(StatusCode.Unavailable, $"No adapter is configured ({AdapterPeer.Key}); responses cannot be scored."));
        var request = new ScoreRequest { UserId = userId, Prompt = prompt };
        request.Responses.AddRange(responses);
        var budget = CallBudget.Of(deadline, options.Value.AdapterTimeout);
        ScoreReply reply;
        try
        {
            reply = await client.ScoreAsync(
                request, new CallOptions(deadline: DateTime.UtcNow + budget, cancellationToken: cancellationToken));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"The adapter at {adapter.Address} did not score within {budget.TotalMilliseconds:F0} ms (the call's deadline or Generator:AdapterTimeout)."));
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown
                                         or StatusCode.Unimplemented or StatusCode.Cancelled && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The adapter at {adapter.Address} could not score the responses: {e.Status.Detail}"));
        }

        var candidates = responses.Select(r => new Candidate { Text = r }).ToList();
        foreach (var s in reply.Scores)
        {
            if (s.Index >= 0 && s.Index < candidates.Count)
            {
                var c = candidates[s.Index];
                c.Reward = s.Reward;
                c.StdDev = s.StdDev;
                c.PopulationReward = s.PopulationReward;
            }
        }

        return (candidates, reply.ModelVersion);
    }
}
