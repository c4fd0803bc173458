using Attune.Data;
using Attune.Data.Evaluation;
using Attune.Evaluation.Data;
using Attune.Ml.Data;

namespace Attune.Evaluation.Protocol;

/// <summary>
/// The data of one seed cut along the protocol by Attune.Data's <see cref="EvaluationSplitter"/> (users into training and
/// new users, prompts into train / calibration / test): the training set (training users x train prompts, users renumbered
/// 0..T-1 in <see cref="TrainUsers"/> order), the training users' test-prompt comparisons (scored with their own fitted
/// weights), and the new users' tasks. With fewer users than <see cref="ProtocolOptions.SimulationThreshold"/> every user
/// trains and new users are simulated: <see cref="ProtocolOptions.SimulatedUsersPerType"/> per user, each with a seeded
/// draw of that user's calibration-prompt and test-prompt comparisons. A new user's questions are either their own recorded
/// calibration comparisons or, under <see cref="NewUserQuestions.AnyCalibrationPair"/> in a world with a ground truth,
/// every pair seen on a calibration prompt, answered by a seeded Bradley-Terry draw from that user's true reward.
/// </summary>
internal sealed class EvaluationWorld
{
    private EvaluationWorld(
        FeaturizedDataset data, EvaluationSplit split, int[] trainUsers, ComparisonSet train, ComparisonSet? seenTest,
        IReadOnlyList<NewUserTask> newUsers, bool simulated)
    {
        Data = data;
        Split = split;
        TrainUsers = trainUsers;
        Train = train;
        SeenTest = seenTest;
        NewUsers = newUsers;
        SimulatedNewUsers = simulated;
    }

    public FeaturizedDataset Data { get; }

    public EvaluationSplit Split { get; }

    /// <summary>Dataset user index of each training user (row of W).</summary>
    public int[] TrainUsers { get; }

    public ComparisonSet Train { get; }

    public ComparisonSet? SeenTest { get; }

    public IReadOnlyList<NewUserTask> NewUsers { get; }

    public bool SimulatedNewUsers { get; }

    public static EvaluationWorld Build(FeaturizedDataset data, ProtocolOptions options, int seed)
    {
        var dataset = data.Dataset;
        var split = EvaluationSplitter.Split(
            dataset, new SplitOptions(seed, options.NewUserFraction, options.CalibrationFraction, options.TestFraction));
        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var u = 0; u < dataset.Users.Count; u++)
        {
            userIndex[dataset.Users[u]] = u;
        }

        var newUsers = split.NewUsers.Select(id => userIndex[id]).Order().ToArray();
        var simulated = dataset.Users.Count < options.SimulationThreshold;
        var trainUsers = simulated
            ? Enumerable.Range(0, dataset.Users.Count).ToArray()
            : split.TrainUsers.Select(id => userIndex[id]).Order().ToArray();
        var row = new int[dataset.Users.Count];
        Array.Fill(row, -1);
        for (var t = 0; t < trainUsers.Length; t++)
        {
            row[trainUsers[t]] = t;
        }

        var promptPart = new int[dataset.Prompts.Count];
        foreach (var p in split.CalibrationPrompts)
        {
            promptPart[p] = 1;
        }

        foreach (var p in split.TestPrompts)
        {
            promptPart[p] = 2;
        }

        var trainIndex = new List<int>();
        var seenIndex = new List<int>();
        var calibration = new List<int>[dataset.Users.Count];
        var test = new List<int>[dataset.Users.Count];
        for (var u = 0; u < calibration.Length; u++)
        {
            calibration[u] = [];
            test[u] = [];
        }

        for (var i = 0; i < data.Count; i++)
        {
            var u = data.Users[i];
            var part = promptPart[data.Prompts[i]];
            if (row[u] >= 0 && part == 0)
            {
                trainIndex.Add(i);
            }
            else if (row[u] >= 0 && part == 2)
            {
                seenIndex.Add(i);
            }

            if (part == 1)
            {
                calibration[u].Add(i);
            }
            else if (part == 2)
            {
                test[u].Add(i);
            }
        }

        var ids = trainUsers.Select(u => dataset.Users[u]).ToArray();
        var train = Set(data, trainIndex, row, ids)
            ?? throw new InvalidOperationException($"dataset '{dataset.Name}' has no training comparisons under seed {seed}.");
        var seen = Set(data, seenIndex, row, ids);
        var tasks = simulated
            ? Simulate(data, calibration, test, options, seed)
            : options.Questions == NewUserQuestions.AnyCalibrationPair && dataset.GroundTruth is { } truth
                ? AskAnyPair(data, truth, promptPart, newUsers, test, seed)
                : newUsers.Select(u => Recorded(data, dataset.Users[u], u, calibration[u].ToArray(), test[u].ToArray()))
                    .Where(t => t.Test.Length > 0).ToList();
        return new EvaluationWorld(data, split, trainUsers, train, seen, tasks, simulated);
    }

    private static NewUserTask Recorded(FeaturizedDataset data, string id, int user, int[] calibration, int[] test) =>
        new(id, user, calibration.Select(i => data.Pairs[i]).ToArray(), calibration.Select(i => data.Preferences[i]).ToArray(), test);

    /// <summary>
    /// Every distinct pair row of a calibration prompt is a question; user u's answer to it is a Bradley-Terry draw at the
    /// world's temperature from u's true rewards of the row's (first, second) responses, from one Random seeded by the seed.
    /// </summary>
    private static List<NewUserTask> AskAnyPair(
        FeaturizedDataset data, IGroundTruth truth, int[] promptPart, IReadOnlyList<int> newUsers, List<int>[] test, int seed)
    {
        var rows = new SortedSet<int>();
        for (var i = 0; i < data.Count; i++)
        {
            if (promptPart[data.Prompts[i]] == 1)
            {
                rows.Add(data.Pairs[i]);
            }
        }

        var questions = rows.ToArray();
        var random = new Random(seed + 15_485_863);
        var tasks = new List<NewUserTask>();
        foreach (var u in newUsers)
        {
            var user = data.Dataset.Users[u];
            var answers = new float[questions.Length];
            for (var j = 0; j < questions.Length; j++)
            {
                var (first, second) = data.PairResponses[questions[j]];
                var prompt = data.Dataset.Prompts[data.PairPrompt[questions[j]]].Prompt;
                answers[j] = (float)BradleyTerry.SampleLabel(
                    random, truth.Reward(user, prompt, first), truth.Reward(user, prompt, second), truth.Temperature);
            }

            if (test[u].Count > 0)
            {
                tasks.Add(new NewUserTask(user, u, questions, answers, test[u].ToArray()));
            }
        }

        return tasks;
    }

    private static List<NewUserTask> Simulate(
        FeaturizedDataset data, List<int>[] calibration, List<int>[] test, ProtocolOptions options, int seed)
    {
        var users = data.Dataset.Users;
        var random = new Random(seed + 104729);
        var tasks = new List<NewUserTask>();
        for (var s = 0; s < options.SimulatedUsersPerType; s++)
        {
            for (var u = 0; u < users.Count; u++)
            {
                if (test[u].Count == 0)
                {
                    continue;
                }

                var questions = Draw(random, calibration[u], options.SimulatedPoolSize);
                tasks.Add(Recorded(data, $"{users[u]}#sim{s:D2}", u, questions, Draw(random, test[u], options.SimulatedTestSize)));
            }
        }

        return tasks;
    }

    private static int[] Draw(Random random, List<int> items, int count)
    {
        var copy = items.ToArray();
        var take = Math.Min(count, copy.Length);
        for (var i = 0; i < take; i++)
        {
            var j = i + random.Next(copy.Length - i);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        var drawn = copy[..take];
        Array.Sort(drawn);
        return drawn;
    }

    private static ComparisonSet? Set(FeaturizedDataset data, List<int> indices, int[] row, string[] ids)
    {
        if (indices.Count == 0)
        {
            return null;
        }

        return new ComparisonSet(
            data.Features,
            ids.Length,
            indices.Select(i => row[data.Users[i]]).ToArray(),
            indices.Select(i => data.Pairs[i]).ToArray(),
            indices.Select(i => data.Preferences[i]).ToArray(),
            userIds: ids);
    }
}
