using Attune.Text.Hashing;

namespace Attune.Data.Demo;

/// <summary>Settings of the demo world; ranges are checked on construction.</summary>
/// <param name="Seed">Seed of the pair pool and the judgements.</param>
/// <param name="Prompts">Prompts used, the first n of <see cref="DemoResponses.Prompts"/> (1..104).</param>
/// <param name="PairsPerPrompt">Pairs per prompt in the pool all users judge from (1..120).</param>
/// <param name="ComparisonsPerUser">Pairs each user judges (&gt;= 1).</param>
/// <param name="UsersPerTaste">Simulated users per taste (24 tastes; &gt;= 1).</param>
/// <param name="Temperature">Bradley-Terry temperature on the true reward in {-2, 0, 2} (&gt; 0).</param>
public sealed record DemoOptions(
    int Seed = 0, int Prompts = 40, int PairsPerPrompt = 12, int ComparisonsPerUser = 100, int UsersPerTaste = 2,
    double Temperature = 0.5)
{
    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Prompts, 1, nameof(Prompts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Prompts, DemoResponses.Prompts.Count, nameof(Prompts));
        ArgumentOutOfRangeException.ThrowIfLessThan(PairsPerPrompt, 1, nameof(PairsPerPrompt));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PairsPerPrompt, 120, nameof(PairsPerPrompt));
        ArgumentOutOfRangeException.ThrowIfLessThan(ComparisonsPerUser, 1, nameof(ComparisonsPerUser));
        ArgumentOutOfRangeException.ThrowIfLessThan(UsersPerTaste, 1, nameof(UsersPerTaste));
        if (!double.IsFinite(Temperature) || Temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be > 0.");
        }
    }
}

/// <summary>
/// The true reward of the demo world, from the trait levels each answer was written with (<see cref="DemoResponses"/>):
/// r*_u(x, y) = s1 * l_y[a1] + s2 * l_y[a2] for the taste of user u (<see cref="DemoUser"/>). Answers to any question
/// are known (they are rendered on demand), not only the world's own prompts.
/// </summary>
public sealed class DemoGroundTruth : IGroundTruth
{
    private readonly Dictionary<string, DemoUser> _users;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, IReadOnlyList<int>>> _answers = new(StringComparer.Ordinal);

    internal DemoGroundTruth(Dictionary<string, DemoUser> users, double temperature)
    {
        _users = users;
        Temperature = temperature;
    }

    /// <inheritdoc />
    public double Temperature { get; }

    /// <summary>The taste of <paramref name="userId"/>.</summary>
    /// <exception cref="KeyNotFoundException">Unknown user.</exception>
    public DemoUser User(string userId) =>
        _users.TryGetValue(userId, out var u) ? u : throw new KeyNotFoundException($"unknown demo user '{userId}'.");

    /// <summary>The trait levels <paramref name="response"/> was written with for <paramref name="prompt"/>.</summary>
    /// <exception cref="KeyNotFoundException">The response is not one of the demo answers to the prompt.</exception>
    public IReadOnlyList<int> Levels(string prompt, string response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var answers = _answers.GetOrAdd(prompt, q => DemoResponses.For(q).ToDictionary(a => a.Text, a => a.Levels, StringComparer.Ordinal));
        return answers.TryGetValue(response, out var levels)
            ? levels
            : throw new KeyNotFoundException("the response is not one of the demo world's answers to this prompt.");
    }

    /// <inheritdoc />
    public double Reward(string userId, string prompt, string response) => User(userId).Reward(Levels(prompt, response));
}

/// <summary>
/// The world <c>attune up</c> seeds its demo with: <see cref="DemoOptions.UsersPerTaste"/> simulated users for each of
/// the 24 tastes (two of four traits, each in one direction), each judging <see cref="DemoOptions.ComparisonsPerUser"/>
/// pairs of a pool shared by all (<see cref="DemoOptions.PairsPerPrompt"/> random pairs of the 16 answers to each
/// prompt), with a hard Bradley-Terry label at temperature T on the true reward. User ids name the taste and a number,
/// e.g. "formal+concise#1". The hashing featurizer is recommended.
/// </summary>
public static class DemoWorld
{
    /// <summary>Generates the world (deterministic for the seed).</summary>
    public static PreferenceDataset Generate(DemoOptions? options = null)
    {
        var o = options ?? new DemoOptions();
        o.Validate();
        var random = new Random(o.Seed);
        var prompts = new List<PromptCandidates>(o.Prompts);
        var pool = new List<(int Prompt, int A, int B)>();
        for (var p = 0; p < o.Prompts; p++)
        {
            var prompt = DemoResponses.Prompts[p];
            var answers = DemoResponses.For(prompt);
            prompts.Add(new PromptCandidates(prompt, [.. answers.Select(a => a.Text)]));
            var pairs = new List<(int, int)>();
            for (var a = 0; a < answers.Count; a++)
            {
                for (var b = a + 1; b < answers.Count; b++)
                {
                    pairs.Add((a, b));
                }
            }

            foreach (var i in SeededSampling.Sample(random, pairs.Count, o.PairsPerPrompt))
            {
                pool.Add((p, pairs[i].Item1, pairs[i].Item2));
            }
        }

        var users = new Dictionary<string, DemoUser>(StringComparer.Ordinal);
        foreach (var taste in DemoUser.All())
        {
            for (var n = 1; n <= o.UsersPerTaste; n++)
            {
                users.Add($"{taste.Id}#{n}", taste);
            }
        }

        var truth = new DemoGroundTruth(users, o.Temperature);
        var comparisons = SimulatedJudgements.Sample(random, users.Keys, pool, prompts, o.ComparisonsPerUser, truth);
        return new PreferenceDataset(
            "demo",
            comparisons,
            [.. users.Keys],
            prompts,
            new HashingFeaturizer(),
            truth,
            $"Demo world (seed {o.Seed}): {o.Prompts} prompts x 16 answers (detailed/concise, formal/casual, list/prose, " +
            $"warm/matter-of-fact), {users.Count} users ({o.UsersPerTaste} per taste of two traits), {o.ComparisonsPerUser} " +
            $"Bradley-Terry comparisons per user (T = {o.Temperature}) from a pool of {o.PairsPerPrompt} pairs per prompt.");
    }
}
