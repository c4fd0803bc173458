using System.Globalization;
using Attune.Adapter.Domain;
using Attune.Adapter.Rewards.Wire;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Adapter.Rewards;

/// <summary>
/// <c>POST /classify</c> in vLLM's classify API shape, as a one-class classifier whose class is <c>reward</c>: each
/// <c>input</c> is scored as a response to <c>prompt</c> (Attune's field, "" when absent), or the chat form's last
/// assistant message as the response to the last user message before it. <c>probs</c> holds the raw reward when
/// <c>use_activation</c> (or <c>activation</c>) is false, as verl's reward loop asks, else sigmoid(reward).
/// </summary>
public static class VllmClassifyEndpoint
{
    /// <summary>The route.</summary>
    public const string Path = "/classify";

    /// <summary>Handles one request.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = await RewardHttp.ReadAsync(context.Request, RewardJsonContext.Default.ClassifyRequest);
        var samples = Samples(request, RewardHttp.HeaderTarget(context.Request));
        var batch = await context.RequestServices.GetRequiredService<RewardScorer>().ScoreAsync(samples, context.RequestAborted);
        var raw = (request.UseActivation ?? request.Activation) == false;
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var data = batch.Samples.Select((s, i) => new ClassifyData(i, "reward", [raw ? s.Reward : Gaussian.Sigmoid(s.Reward)], 1)).ToList();
        await RewardHttp.WriteAsync(context, new ClassifyReply(
            "classify-" + Guid.NewGuid().ToString("N"), "list", clock.GetUtcNow().ToUnixTimeSeconds(),
            VllmScoreEndpoint.ModelName(request.Model, batch.ModelVersion), data, batch.ModelVersion), RewardJsonContext.Default.ClassifyReply);
    }

    /// <summary>The samples, validated; INVALID_ARGUMENT naming the first bad field.</summary>
    public static IReadOnlyList<RewardSample> Samples(ClassifyRequest request, RewardTarget? header)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (target, field) = VllmScoreEndpoint.Target(request.User, header);
        if (request.Messages is { } messages)
        {
            if (request.Input is not null)
            {
                throw Invalid("messages", "and input are both set: send one of them");
            }

            return [FromMessages(messages, target, field)];
        }

        if (request.Input is not { Count: > 0 } inputs)
        {
            throw Invalid("input", "is required: the response text, or a list of them (or send messages, the chat form)");
        }

        var prompt = request.Prompt is null ? "" : RewardHttp.RequirePresent(request.Prompt, "prompt");
        return [.. inputs.Select((text, i) => new RewardSample(target, prompt,
            RewardHttp.RequirePresent(text, $"input[{i.ToString(CultureInfo.InvariantCulture)}]"), field))];
    }

    private static RewardSample FromMessages(List<ChatMessage> messages, RewardTarget target, string field)
    {
        if (messages.Count == 0 || messages[^1].Role != "assistant")
        {
            throw Invalid("messages", "must end with the assistant's message, the response to score");
        }

        var last = messages.Count - 1;
        var response = RewardHttp.RequirePresent(messages[last].Content, $"messages[{last.ToString(CultureInfo.InvariantCulture)}].content");
        var user = last == 0 ? -1 : messages.FindLastIndex(last - 1, m => m.Role == "user");
        if (user < 0)
        {
            throw Invalid("messages", "has no user message before the assistant's: the prompt the response answers");
        }

        return new RewardSample(target, RewardHttp.RequirePresent(messages[user].Content, $"messages[{user.ToString(CultureInfo.InvariantCulture)}].content"), response, field);
    }
}
