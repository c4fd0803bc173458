using Attune.Generator.Backends;

namespace Attune.Generator.Pool;

/// <summary>
/// The stand-in backend when no LLM is configured (backend "pool"): it samples from <see cref="CandidatePool"/> instead
/// of generating. A fresh response is a pool response cut to max_tokens (<see cref="TokenText"/> tokens); a continuation
/// of a partial response is the next max_tokens tokens of a pool response that starts with it. The sample is seeded by
/// the request's seed, known responses first, without repeats while distinct ones remain.
/// </summary>
public sealed class PoolBackend(CandidatePool pool) : IChatBackend
{
    /// <summary>The backend name reported in replies.</summary>
    public const string PoolName = "pool";

    /// <inheritdoc />
    public string Name => PoolName;

    /// <inheritdoc />
    public Task<IReadOnlyList<Completion>> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool Continues(string r) => r.Length > request.Partial.Length && r.StartsWith(request.Partial, StringComparison.Ordinal);
        var all = pool.For(request.Prompt);
        var known = pool.Known(request.Prompt).Count;

        // Known responses first, each group in a seeded order.
        var random = new Random(unchecked((int)request.Seed ^ (int)(request.Seed >> 32)));
        var knownMatching = all.Take(known).Where(Continues).ToArray();
        var rendered = all.Skip(known).Where(Continues).ToArray();
        random.Shuffle(knownMatching);
        random.Shuffle(rendered);
        IReadOnlyList<Completion> completions = knownMatching.Concat(rendered)
            .Take(request.N)
            .Select(r => Cut(r[request.Partial.Length..], request.MaxTokens))
            .ToList();
        return Task.FromResult(completions);
    }

    private static Completion Cut(string rest, int maxTokens)
    {
        var tokens = TokenText.Split(rest);
        return tokens.Count <= maxTokens
            ? new Completion(rest, Finished: true)
            : new Completion(string.Concat(tokens.Take(maxTokens)), Finished: false);
    }
}
