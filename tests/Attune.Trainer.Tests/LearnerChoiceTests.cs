using Attune.Ml.Models;
using Attune.Ml.Training;
using Attune.Ml.Users;
using Attune.Storage;
using Attune.Text;
using Attune.Text.Encoders;
using Attune.Text.Hashing;
using Attune.Trainer.Gate;
using Attune.Trainer.Models;
using Attune.Trainer.Options;
using Attune.Trainer.Training;

namespace Attune.Trainer.Tests;

public sealed class LearnerChoiceTests
{
    private static readonly IReadOnlyList<TrainingComparison> Feedback = StylesFeedback.Load(users: 8, comparisonsPerUser: 30, prompts: 4, seed: 1)
        .Select(f => new TrainingComparison(f.ComparisonId, f.UserId, f.Prompt, f.ResponseA, f.ResponseB, f.Preference, f.RecordedAt))
        .ToList();

    private static PrefTrainingOptions Linear(IFeaturizer featurizer) => new() { Rank = 2, Seed = 11, Featurizer = featurizer.Description };

    /// <summary>K = 2 over the hashing featurizer, with a residual MLP of 3 hidden units whose U is not zero.</summary>
    private static PrefModel Neural(int dimension)
    {
        var random = new Random(5);
        float[] Draw(int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)(scale * (random.NextDouble() - 0.5))).ToArray();
        var residual = new ResidualBasis(2, dimension, 3, Draw(3 * dimension, 4), Draw(3, 1), Draw(2 * 3, 2));
        return new PrefModel("pref-neural", 2, dimension, Draw(2 * dimension, 1), [], [], new GaussianPrior([0, 0], [1, 0, 0, 1]),
            new HashingFeaturizer().Description, residual: residual);
    }

    [Theory]
    [InlineData("linear", false)]
    [InlineData("neural", true)]
    public void Train_configuredLearner_modelRecordsLearnerAndFeaturizer(string learner, bool residual)
    {
        var options = new TrainerOptions { Featurizer = "hashing", Learner = learner };
        var featurizer = TrainerFeaturizers.Create(options);
        var set = TrainingSetBuilder.Build(Feedback, featurizer, CancellationToken.None, withResponses: options.IsNeural)!;

        var (linear, model) = TrainingLearner.Train(Linear(featurizer), options, set.Data, null, CancellationToken.None);

        Assert.Equal(residual, model.Residual is not null);
        Assert.Null(linear.Model.Residual);
        Assert.Equal(learner, model.Settings["learner"]);
        Assert.Equal(featurizer.Description, model.Settings["featurizer"]);
        Assert.Equal(featurizer.Description, model.Featurizer);
        Assert.Equal(linear.Model.UserIds, model.UserIds);
    }

    [Fact]
    public void Train_neuralWithoutResponses_throwsArgumentException()
    {
        var featurizer = new HashingFeaturizer();
        var set = TrainingSetBuilder.Build(Feedback, featurizer, CancellationToken.None)!;

        Assert.Throws<ArgumentException>(() =>
            TrainingLearner.Train(Linear(featurizer), new TrainerOptions { Learner = "neural" }, set.Data, null, CancellationToken.None));
    }

    [Fact]
    public void Build_withResponses_sameRowsAndDifferencesAsWithout()
    {
        var featurizer = new HashingFeaturizer();

        var plain = TrainingSetBuilder.Build(Feedback, featurizer, CancellationToken.None)!;
        var withResponses = TrainingSetBuilder.Build(Feedback, featurizer, CancellationToken.None, withResponses: true)!;

        Assert.NotNull(withResponses.Data.Responses);
        Assert.Null(plain.Data.Responses);
        Assert.Equal(plain.Data.Pairs.ToArray(), withResponses.Data.Pairs.ToArray());
        Assert.Equal(plain.Data.Preferences.ToArray(), withResponses.Data.Preferences.ToArray());
        var a = new float[featurizer.Dimension];
        var b = new float[featurizer.Dimension];
        foreach (var row in plain.Data.Pairs.ToArray().Distinct())
        {
            Array.Clear(a);
            Array.Clear(b);
            plain.Data.Features.AddScaledRow(row, 1f, a);
            withResponses.Data.Features.AddScaledRow(row, 1f, b);
            Assert.Equal(a, b, (x, y) => Math.Abs(x - y) <= 1e-6f);
        }
    }

    [Fact]
    public async Task Project_neuralModel_equalsDifferenceOfResponseBasedRewardFeatures()
    {
        var featurizer = new HashingFeaturizer();
        var model = Neural(featurizer.Dimension);
        var comparisons = Feedback.Take(25).ToList();

        var z = ModelGate.Project(model, featurizer, [], comparisons);

        Assert.Equal(comparisons.Count * model.Rank, z.Length);
        var phiA = new float[model.Rank];
        var phiB = new float[model.Rank];
        for (var i = 0; i < comparisons.Count; i++)
        {
            var c = comparisons[i];
            model.RewardFeatures(featurizer.Featurize(new TextPair(c.Prompt, c.ResponseA)).ToDense(), phiA);
            model.RewardFeatures(featurizer.Featurize(new TextPair(c.Prompt, c.ResponseB)).ToDense(), phiB);
            for (var k = 0; k < model.Rank; k++)
            {
                Assert.Equal(phiA[k] - phiB[k], z[i * model.Rank + k], 1e-4f);
            }
        }

        // The MLP matters here: V d alone would give other numbers.
        var linearOnly = new PrefModel("pref", 2, model.Dimension, model.V.ToArray(), [], [], model.Prior, model.Featurizer);
        var features = await TrainingSetBuilder.FeaturizeAsync(comparisons, featurizer, TestContext.Current.CancellationToken);
        var pairs = TrainingSetBuilder.Responses(comparisons.Select(c => (c.Prompt, c.ResponseA, c.ResponseB)), features, featurizer.Dimension);
        Assert.NotEqual(linearOnly.ProjectPairs(pairs, Enumerable.Range(0, comparisons.Count).ToArray()), z);
    }

    [Fact]
    public void WithoutUsers_neuralModel_keepsTheResidual()
    {
        var model = Neural(new HashingFeaturizer().Dimension);

        var published = PublishedModel.WithoutUsers(model);

        Assert.Same(model.Residual, published.Residual);
    }

    [Theory]
    [InlineData("hashing", "hashing:v1:")]
    [InlineData("minilm", "minilm:v1:")]
    [InlineData("composite", "composite:v1:scales=1,1:parts=minilm")]
    public void Create_shortName_featurizerOfThatKind(string name, string prefix)
    {
        var featurizer = TrainerFeaturizers.Create(new TrainerOptions { Featurizer = name });

        Assert.StartsWith(prefix, featurizer.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_description_rebuildsThatFeaturizer()
    {
        var description = new CompositeFeaturizer([new MiniLmFeaturizer(), new HashingFeaturizer()], [0.5, 2]).Description;

        var featurizer = TrainerFeaturizers.Create(new TrainerOptions { Featurizer = description });

        Assert.Equal(description, featurizer.Description);
    }

    [Fact]
    public void Defaults_hashingFeaturizerAndLinearLearner()
    {
        var options = new TrainerOptions();

        options.Validate();

        Assert.Equal("hashing", options.Featurizer);
        Assert.False(options.IsNeural);
    }

    [Theory]
    [InlineData("Featurizer", "bag-of-words")]
    [InlineData("Learner", "forest")]
    [InlineData("EncoderThreads", "0")]
    [InlineData("NeuralThreads", "0")]
    public void Validate_badChoice_throwsNamingTheKey(string key, string value)
    {
        var options = new TrainerOptions();
        switch (key)
        {
            case "Featurizer": options.Featurizer = value; break;
            case "Learner": options.Learner = value; break;
            case "EncoderThreads": options.EncoderThreads = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.NeuralThreads = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var e = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains($"Trainer:{key}", e.Message, StringComparison.Ordinal);
    }
}
