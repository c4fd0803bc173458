using System.Globalization;
using Attune.Adapter.Rewards.Wire;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Adapter.Rewards;

/// <summary>
/// <c>POST /get_reward</c>, OpenRLHF's remote reward model: each <c>query[i]</c> must start with <c>prompts[i]</c> (the
/// rest is the response); sample i is scored for <c>labels[i]</c> when it is a non-empty user id or <c>cluster:N</c>,
/// else for the <c>x-attune-user</c> header. Replies with rewards, the same values as scores, and per-sample extra logs.
/// </summary>
public static class OpenRlhfRewardEndpoint
{
    /// <summary>The route.</summary>
    public const string Path = "/get_reward";

    /// <summary>Handles one request.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = await RewardHttp.ReadAsync(context.Request, RewardJsonContext.Default.GetRewardRequest);
        var samples = Samples(request, RewardHttp.HeaderTarget(context.Request));
        var scorer = context.RequestServices.GetRequiredService<RewardScorer>();
        var batch = await scorer.ScoreAsync(samples, context.RequestAborted);
        var rewards = batch.Samples.Select(s => s.Reward).ToList();
        var logs = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal)
        {
            ["population_reward"] = [.. batch.Samples.Select(s => s.PopulationReward)],
            ["cold_start"] = [.. batch.Samples.Select(s => s.ColdStart ? 1.0 : 0.0)],
        };
        await RewardHttp.WriteAsync(context, new GetRewardReply(rewards, rewards, logs, batch.ModelVersion), RewardJsonContext.Default.GetRewardReply);
    }

    /// <summary>The request's samples, validated; INVALID_ARGUMENT naming the first bad field.</summary>
    public static IReadOnlyList<RewardSample> Samples(GetRewardRequest request, RewardTarget? header)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query is not { Count: > 0 } queries)
        {
            throw Invalid("query", "is required: a list of prompt + response strings, one per sample");
        }

        if (request.Prompts is not { } prompts)
        {
            throw Invalid("prompts", "is required: the prompt of each query, which the query starts with");
        }

        if (prompts.Count != queries.Count)
        {
            throw Invalid("prompts", $"has {Count(prompts.Count)} entries but query has {Count(queries.Count)}; give one prompt per query");
        }

        var labels = request.Labels;
        if (labels is not null && labels.Count != queries.Count)
        {
            throw Invalid("labels", $"has {Count(labels.Count)} entries but query has {Count(queries.Count)}; give one label per query, or none");
        }

        var samples = new RewardSample[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var query = RewardHttp.RequirePresent(queries[i], $"query[{Count(i)}]");
            var prompt = RewardHttp.RequirePresent(prompts[i], $"prompts[{Count(i)}]");
            if (!query.StartsWith(prompt, StringComparison.Ordinal))
            {
                throw Invalid($"query[{Count(i)}]", $"does not start with prompts[{Count(i)}]: each query must be its prompt followed by the response");
            }

            var label = labels?[i];
            RewardSample sample;
            if (!string.IsNullOrWhiteSpace(label))
            {
                sample = new RewardSample(RewardTarget.Parse(label, $"labels[{Count(i)}]"), prompt, query[prompt.Length..], $"labels[{Count(i)}]");
            }
            else if (header is not null)
            {
                sample = new RewardSample(header, prompt, query[prompt.Length..], RewardHttp.UserHeader);
            }
            else
            {
                throw labels is null
                    ? Invalid("labels", $"is missing and no {RewardHttp.UserHeader} header is set: name whose reward to serve (a user id or cluster:N) per sample in labels, or for the whole request in the {RewardHttp.UserHeader} header")
                    : Invalid($"labels[{Count(i)}]", $"is empty and no {RewardHttp.UserHeader} header is set: name whose reward to serve (a user id or cluster:N) in labels[{Count(i)}], or for the whole request in the {RewardHttp.UserHeader} header");
            }

            samples[i] = sample;
        }

        return samples;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
