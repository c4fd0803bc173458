using Attune.Data;
using Attune.Evaluation.Data;
using Attune.Evaluation.Protocol;

namespace Attune.Evaluation.Tests;

public sealed class NewUserQuestionsTests
{
    private static readonly FeaturizedDataset Data = FeaturizedDataset.Build(TinyWorld.Load(0));

    [Fact]
    public void Build_anyCalibrationPair_asksEveryPairSeenOnACalibrationPrompt()
    {
        var world = EvaluationWorld.Build(Data, new ProtocolOptions(), seed: 0);
        var calibration = world.Split.CalibrationPrompts.ToHashSet();
        var expected = Enumerable.Range(0, Data.Count).Where(i => calibration.Contains(Data.Prompts[i])).Select(i => Data.Pairs[i]).Distinct().Order();

        Assert.NotEmpty(world.NewUsers);
        Assert.All(world.NewUsers, task =>
        {
            Assert.Equal(expected, task.Questions);
            Assert.Equal(task.Questions.Length, task.Answers.Length);
            Assert.All(task.Answers, a => Assert.Contains(a, new[] { 0f, 1f }));
        });
    }

    [Fact]
    public void Build_anyCalibrationPair_answersFollowTheUsersTrueReward()
    {
        var world = EvaluationWorld.Build(Data, new ProtocolOptions(), seed: 0);
        var truth = Data.Dataset.GroundTruth!;
        int agree = 0, total = 0;
        foreach (var task in world.NewUsers)
        {
            var user = Data.Dataset.Users[task.DatasetUser];
            for (int j = 0; j < task.Questions.Length; j++)
            {
                var (first, second) = Data.PairResponses[task.Questions[j]];
                var prompt = Data.Dataset.Prompts[Data.PairPrompt[task.Questions[j]]].Prompt;
                double margin = truth.Reward(user, prompt, first) - truth.Reward(user, prompt, second);
                agree += (margin > 0) == (task.Answers[j] == 1f) ? 1 : 0;
                total++;
            }
        }

        // Bradley-Terry at temperature 1 on rewards of scale 2 agrees with the sign of the true margin ~80% of the time
        // (the world's oracle accuracy); answers drawn the wrong way round or at random would agree ~50%.
        Assert.InRange((double)agree / total, 0.72, 0.9);
    }

    [Fact]
    public void Build_anyCalibrationPair_isDeterministicForASeed()
    {
        var a = EvaluationWorld.Build(Data, new ProtocolOptions(), seed: 3);
        var b = EvaluationWorld.Build(Data, new ProtocolOptions(), seed: 3);
        var c = EvaluationWorld.Build(Data, new ProtocolOptions(), seed: 4);

        Assert.Equal(a.NewUsers.SelectMany(t => t.Answers), b.NewUsers.SelectMany(t => t.Answers));
        Assert.NotEqual(a.NewUsers.Select(t => t.DatasetUser), c.NewUsers.Select(t => t.DatasetUser));
    }

    [Fact]
    public void Build_recorded_asksOnlyTheUsersOwnCalibrationComparisonsWithTheirLabels()
    {
        var world = EvaluationWorld.Build(Data, new ProtocolOptions { Questions = NewUserQuestions.Recorded }, seed: 0);
        var calibration = world.Split.CalibrationPrompts.ToHashSet();

        Assert.All(world.NewUsers, task =>
        {
            var own = Enumerable.Range(0, Data.Count)
                .Where(i => Data.Users[i] == task.DatasetUser && calibration.Contains(Data.Prompts[i])).ToArray();
            Assert.Equal(own.Select(i => Data.Pairs[i]), task.Questions);
            Assert.Equal(own.Select(i => Data.Preferences[i]), task.Answers);
        });
    }

    [Fact]
    public void Build_anyCalibrationPairWithoutGroundTruth_fallsBackToRecordedLabels()
    {
        var source = Data.Dataset;
        var unlabelled = new PreferenceDataset(
            source.Name, source.Comparisons, source.Users, source.Prompts, source.RecommendedFeaturizer, groundTruth: null, source.Description);
        var data = FeaturizedDataset.Build(unlabelled);

        var any = EvaluationWorld.Build(data, new ProtocolOptions(), seed: 0);
        var recorded = EvaluationWorld.Build(data, new ProtocolOptions { Questions = NewUserQuestions.Recorded }, seed: 0);

        Assert.Equal(recorded.NewUsers.SelectMany(t => t.Questions), any.NewUsers.SelectMany(t => t.Questions));
        Assert.Equal(recorded.NewUsers.SelectMany(t => t.Answers), any.NewUsers.SelectMany(t => t.Answers));
    }

    [Fact]
    public void ProtocolOptions_defaults_askAnyCalibrationPairAndScoreThePosteriorMean()
    {
        var options = new ProtocolOptions();

        Assert.Equal(NewUserQuestions.AnyCalibrationPair, options.Questions);
        Assert.Equal(NewUserScoring.PosteriorMean, options.Scoring);
    }
}
