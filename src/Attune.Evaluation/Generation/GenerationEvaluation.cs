using System.Diagnostics;
using Attune.Evaluation.Data;
using Attune.Evaluation.Datasets;
using Attune.Evaluation.Protocol;
using Attune.Ml.Active;
using Attune.Ml.Metrics;
using Attune.Ml.Models;
using Attune.Ml.Training;

namespace Attune.Evaluation.Generation;

/// <summary>
/// The generator's target on the <c>styles</c> world: does best-of-n with the user's fitted reward beat the
/// non-personalized pick for new users after a few answers? Per seed, on the protocol's own cut (<see cref="EvaluationWorld"/>,
/// the settings of <c>attune eval --dataset styles</c>): Attune (PReF, SVD init, alternating) is trained on the training
/// users' train-prompt comparisons; each held-out user answers <see cref="GenerationEvaluationOptions.Answers"/>
/// calibration questions (the protocol's questions: by default any pair of a calibration prompt, answered by a
/// Bradley-Terry draw from the user's true reward) chosen by <see cref="ActiveQuerySelector"/> (uncertainty), the posterior refitted by
/// NewUserFitter after each (<see cref="QuerySession"/>); then, for every test prompt, n of the prompt's responses are
/// drawn (seeded per user and prompt) as the generator's candidates, and the pick of the user's reward w . phi is compared
/// with the pick of the population reward mu . phi (the prior mean, what the generator reports as population_reward)
/// under the user's ground-truth reward. A user wins when their picks' mean true reward over the test prompts is higher
/// (ties 1/2). Orchestration only: training, selection, fitting and the win rate are Attune.Ml's.
/// </summary>
public static class GenerationEvaluation
{
    /// <summary>Runs every seed; <paramref name="progress"/> gets a line per stage.</summary>
    public static IReadOnlyList<GenerationSeedResult> Run(
        GenerationEvaluationOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<GenerationSeedResult>();
        for (int s = options.FirstSeed; s < options.FirstSeed + options.Seeds; s++)
        {
            results.Add(RunSeed(options, s, progress, cancellationToken));
        }

        return results;
    }

    private static GenerationSeedResult RunSeed(GenerationEvaluationOptions options, int seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        progress?.Report($"seed {seed}: loading and featurizing the styles world");
        var data = FeaturizedDataset.Build(EvaluationDatasets.Load("styles", seed, quick: options.Quick));
        var protocol = new ProtocolOptions();
        var world = EvaluationWorld.Build(data, protocol, seed);
        progress?.Report($"seed {seed}: training Attune on {world.TrainUsers.Length} users ({world.Train.Count} comparisons)");
        var model = new PrefTrainer(TrainerOptionsCopy.With(protocol.Trainer, PrefMethod.Alternating, seed)).Train(world.Train, null, cancellationToken).Model;
        var truth = data.Dataset.GroundTruth ?? throw new InvalidOperationException("the styles world has a ground truth");
        var prompts = new CandidatePhi(data, world.Split.TestPrompts, model).Prompts;
        progress?.Report($"seed {seed}: {world.NewUsers.Count} new users answer {options.Answers} questions, then best-of-{options.Candidates} on {prompts.Count} test prompts");

        int k = model.Rank, n = options.Candidates;
        var population = model.Prior.Mean.ToArray();
        double wins = 0, promptWinRate = 0, personalizedReward = 0, populationReward = 0;
        int ties = 0;
        for (int i = 0; i < world.NewUsers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var task = world.NewUsers[i];
            var user = data.Dataset.Users[task.DatasetUser];
            var z = model.ProjectPairs(data.Features, task.Questions);
            var (means, _, _) = QuerySession.Run(model.Prior, z, task.Answers, QueryStrategy.Uncertainty, [options.Answers], seed * 100_003 + i);
            var w = means[0];

            var random = new Random(seed * 100_003 + i);
            var trueRewards = new float[prompts.Count * n];
            var mine = new float[prompts.Count * n];
            var theirs = new float[prompts.Count * n];
            for (int q = 0; q < prompts.Count; q++)
            {
                var (prompt, responses, phi) = prompts[q];
                var drawn = Draw(random, responses.Count, n);
                for (int j = 0; j < n; j++)
                {
                    var row = phi.AsSpan(drawn[j] * k, k);
                    trueRewards[q * n + j] = (float)truth.Reward(user, prompt, responses[drawn[j]]);
                    mine[q * n + j] = Margins.Of(row, w)[0];
                    theirs[q * n + j] = Margins.Of(row, population)[0];
                }
            }

            double myMean = MeanOfPicks(trueRewards, mine, n), theirMean = MeanOfPicks(trueRewards, theirs, n);
            wins += myMean > theirMean ? 1 : myMean == theirMean ? 0.5 : 0;
            ties += myMean == theirMean ? 1 : 0;
            promptWinRate += BestOfN.WinRate(trueRewards, mine, theirs, n);
            personalizedReward += myMean;
            populationReward += theirMean;
        }

        int users = world.NewUsers.Count;
        return new GenerationSeedResult
        {
            Seed = seed,
            Users = users,
            Wins = wins,
            Ties = ties,
            PromptWinRate = promptWinRate / users,
            PersonalizedReward = personalizedReward / users,
            PopulationReward = populationReward / users,
            TestPrompts = prompts.Count,
            Rank = k,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Mean true reward of each prompt's arg-max pick (first index on ties, as BestOfN picks).</summary>
    private static double MeanOfPicks(float[] trueRewards, float[] predicted, int n)
    {
        double sum = 0;
        int prompts = trueRewards.Length / n;
        for (int q = 0; q < prompts; q++)
        {
            int best = 0;
            for (int j = 1; j < n; j++)
            {
                if (predicted[q * n + j] > predicted[q * n + best])
                {
                    best = j;
                }
            }

            sum += trueRewards[q * n + best];
        }

        return sum / prompts;
    }

    private static int[] Draw(Random random, int count, int take)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order[..take];
    }
}
