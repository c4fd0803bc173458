using System.Globalization;
using Attune.Adapter.Rewards.Wire;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Adapter.Rewards;

/// <summary>
/// <c>POST /v1/score</c> in vLLM's score API shape: <c>text_1</c> the prompt(s), <c>text_2</c> the response(s), paired
/// as vLLM pairs them (one prompt with each response, or prompt i with response i); each pair's score is the
/// personalized reward r(x, y) for <c>user</c> or the <c>x-attune-user</c> header (a user id or <c>cluster:N</c>).
/// </summary>
public static class VllmScoreEndpoint
{
    /// <summary>The route.</summary>
    public const string Path = "/v1/score";

    /// <summary>Handles one request.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = await RewardHttp.ReadAsync(context.Request, RewardJsonContext.Default.ScoreRequest);
        var samples = Samples(request, RewardHttp.HeaderTarget(context.Request));
        var batch = await context.RequestServices.GetRequiredService<RewardScorer>().ScoreAsync(samples, context.RequestAborted);
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var data = batch.Samples.Select((s, i) => new ScoreData(i, "score", s.Reward)).ToList();
        await RewardHttp.WriteAsync(context, new ScoreReply(
            "score-" + Guid.NewGuid().ToString("N"), "list", clock.GetUtcNow().ToUnixTimeSeconds(),
            ModelName(request.Model, batch.ModelVersion), data, batch.ModelVersion), RewardJsonContext.Default.ScoreReply);
    }

    /// <summary>The pairs, validated; INVALID_ARGUMENT naming the first bad field.</summary>
    public static IReadOnlyList<RewardSample> Samples(ScoreRequest request, RewardTarget? header)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = Target(request.User, header);
        if (request.Text1 is not { Count: > 0 } prompts)
        {
            throw Invalid("text_1", "is required: the prompt, or a list of prompts");
        }

        if (request.Text2 is not { Count: > 0 } responses)
        {
            throw Invalid("text_2", "is required: the response, or a list of responses");
        }

        if (prompts.Count != 1 && prompts.Count != responses.Count)
        {
            throw Invalid("text_1", $"has {Count(prompts.Count)} entries and text_2 {Count(responses.Count)}: give one prompt for all responses (1:N) or one per response (N:N)");
        }

        var samples = new RewardSample[responses.Count];
        for (var i = 0; i < responses.Count; i++)
        {
            var p = prompts.Count == 1 ? 0 : i;
            samples[i] = new RewardSample(
                target.Target,
                RewardHttp.RequirePresent(prompts[p], $"text_1[{Count(p)}]"),
                RewardHttp.RequirePresent(responses[i], $"text_2[{Count(i)}]"),
                target.Field);
        }

        return samples;
    }

    /// <summary>The model name a reply carries: the request's, or <c>attune-model-N</c>.</summary>
    public static string ModelName(string? requested, long version) =>
        string.IsNullOrWhiteSpace(requested) ? "attune-model-" + version.ToString(CultureInfo.InvariantCulture) : requested;

    /// <summary>Whose reward: the body's <c>user</c>, else the header; INVALID_ARGUMENT naming both when neither is set.</summary>
    public static (RewardTarget Target, string Field) Target(string? user, RewardTarget? header)
    {
        if (!string.IsNullOrWhiteSpace(user))
        {
            return (RewardTarget.Parse(user, "user"), "user");
        }

        return header is not null
            ? (header, RewardHttp.UserHeader)
            : throw Invalid("user", $"is missing and no {RewardHttp.UserHeader} header is set: name whose reward to serve, a user id or cluster:N");
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
