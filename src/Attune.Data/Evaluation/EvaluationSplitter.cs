namespace Attune.Data.Evaluation;

/// <summary>Splits a <see cref="PreferenceDataset"/> for the PReF evaluation protocol (see <see cref="EvaluationSplit"/>).</summary>
public static class EvaluationSplitter
{
    /// <summary>
    /// The split of <paramref name="dataset"/>: users shuffled with the seed, the first round(n * NewUserFraction) (at least
    /// one, and at most n - 1 when n &gt;= 2) new; prompts shuffled with the seed into calibration, test, then train, by the
    /// rounded fractions. Deterministic for the dataset and options; index lists ascending.
    /// </summary>
    public static EvaluationSplit Split(PreferenceDataset dataset, SplitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var o = options ?? new SplitOptions();
        var random = new Random(o.Seed);

        var users = dataset.Users.ToList();
        SeededSampling.Shuffle(random, users);
        var newCount = users.Count < 2 ? 0 : Math.Clamp((int)Math.Round(users.Count * o.NewUserFraction), 1, users.Count - 1);
        var newUsers = users.Take(newCount).Order(StringComparer.Ordinal).ToList();
        var trainUsers = users.Skip(newCount).Order(StringComparer.Ordinal).ToList();

        var prompts = Enumerable.Range(0, dataset.Prompts.Count).ToList();
        SeededSampling.Shuffle(random, prompts);
        var calibrationCount = (int)Math.Round(prompts.Count * o.CalibrationFraction);
        var testCount = Math.Min((int)Math.Round(prompts.Count * o.TestFraction), prompts.Count - calibrationCount);
        var calibration = prompts.Take(calibrationCount).Order().ToList();
        var test = prompts.Skip(calibrationCount).Take(testCount).Order().ToList();
        var train = prompts.Skip(calibrationCount + testCount).Order().ToList();

        var isNew = newUsers.ToHashSet(StringComparer.Ordinal);
        var role = new int[dataset.Prompts.Count];
        calibration.ForEach(p => role[p] = 1);
        test.ForEach(p => role[p] = 2);
        List<int> trainSet = [], calibrationSet = [], newTest = [], trainUserTest = [];
        for (var i = 0; i < dataset.Comparisons.Count; i++)
        {
            var c = dataset.Comparisons[i];
            var promptRole = role[dataset.IndexOfPrompt(c.Prompt)];
            var target = (isNew.Contains(c.UserId), promptRole) switch
            {
                (false, 0) => trainSet,
                (true, 1) => calibrationSet,
                (true, 2) => newTest,
                (false, 2) => trainUserTest,
                _ => null,
            };
            target?.Add(i);
        }

        return new EvaluationSplit
        {
            TrainUsers = trainUsers,
            NewUsers = newUsers,
            TrainPrompts = train,
            CalibrationPrompts = calibration,
            TestPrompts = test,
            Train = trainSet,
            NewUserCalibration = calibrationSet,
            NewUserTest = newTest,
            TrainUserTest = trainUserTest,
        };
    }
}
