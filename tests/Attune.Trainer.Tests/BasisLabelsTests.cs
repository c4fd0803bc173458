using Attune.Data.Demo;
using Attune.Ml.Data;
using Attune.Ml.Training;
using Attune.Text;
using Attune.Text.Hashing;
using Attune.Trainer.Training;

namespace Attune.Trainer.Tests;

/// <summary>
/// The trainer's basis, rotated and named, on the demo world (four traits; each user cares about two): after the
/// varimax rotation each trait is carried mostly by one base function, the rotation changes no margin, and the labels
/// name the traits.
/// </summary>
public sealed class BasisLabelsTests
{
    [Fact]
    public void Label_demoWorld_eachTraitCarriedByOneFunctionMarginsUnchanged()
    {
        var world = DemoWorld.Generate(new DemoOptions(Seed: 3, Prompts: 30, ComparisonsPerUser: 100));
        var featurizer = new HashingFeaturizer();
        var set = TrainingSetFor(world, featurizer);
        var model = new PrefTrainer(new PrefTrainingOptions { Seed = 1, MaxRank = 6, Featurizer = featurizer.Description }).Train(set).Model;
        var responses = world.Comparisons.SelectMany(c => new[] { new TextPair(c.Prompt, c.ResponseA), new TextPair(c.Prompt, c.ResponseB) });

        var labelled = BasisLabels.Label(model, featurizer, responses, seed: 0);

        Assert.Equal(model.Rank, labelled.Labels.Count);
        var before = new float[set.Count];
        var after = new float[set.Count];
        model.PredictMargins(set, before);
        labelled.PredictMargins(set, after);
        Assert.All(Enumerable.Range(0, set.Count), i => Assert.True(Math.Abs(before[i] - after[i]) < 1e-3, $"margin {i}: {before[i]} vs {after[i]}"));
        var truth = (DemoGroundTruth)world.GroundTruth!;
        var k = labelled.Rank;
        var report = new List<string>();
        var carriers = new List<int>();
        var names = new Dictionary<DemoAttribute, string[]>
        {
            [DemoAttribute.Detail] = ["longer", "shorter"],
            [DemoAttribute.Formality] = ["formal", "casual"],
            [DemoAttribute.Format] = ["a list", "prose"],
            [DemoAttribute.Warmth] = ["enthusiastic", "polite"],
        };
        foreach (var trait in Enum.GetValues<DemoAttribute>())
        {
            // The true weight of every user on the trait (+1, -1 or 0) against each function's weights.
            var t = labelled.UserIds.Select(u => Weight(truth.User(u), trait)).ToArray();
            var r = Enumerable.Range(0, k).Select(j => Correlation(t, Enumerable.Range(0, labelled.UserIds.Count).Select(u => (double)labelled.UserWeights[u * k + j]).ToArray())).ToArray();
            var best = Enumerable.Range(0, k).OrderByDescending(j => Math.Abs(r[j])).First();
            carriers.Add(best);
            Assert.True(Math.Abs(r[best]) >= 0.6, $"{trait} is spread over the functions: r = {string.Join(", ", r)}");
            Assert.Contains(names[trait], n => labelled.Labels[best].Name.Contains(n, StringComparison.Ordinal));
            report.Add($"{trait}: r = [{string.Join(", ", r.Select(x => x.ToString("F2")))}], function {best + 1}: {labelled.Labels[best].Name}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", report));
        // The prior stays well scaled (whitened by itself, then each function at unit sd over the responses).
        var priorSd = Enumerable.Range(0, k).Select(j => Math.Sqrt(labelled.Prior.Covariance[j * k + j])).ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine($"prior sd: {string.Join(", ", priorSd.Select(x => x.ToString("F2")))}");
        Assert.All(priorSd, sd => Assert.InRange(sd, 0.05, 50));
        Assert.NotNull(labelled.Clusters);
        Assert.Equal(labelled.UserIds.Count, labelled.Clusters.Assignments.Count);
        Assert.Equal(4, carriers.Distinct().Count());
    }

    private static double Weight(DemoUser user, DemoAttribute trait) =>
        user.First == trait ? user.FirstSign : user.Second == trait ? user.SecondSign : 0;

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        double sxx = x.Sum(v => (v - mx) * (v - mx)), syy = y.Sum(v => (v - my) * (v - my));
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static ComparisonSet TrainingSetFor(Attune.Data.PreferenceDataset world, IFeaturizer featurizer) =>
        Attune.Evaluation.Data.FeaturizedDataset.Build(world, featurizer).ToComparisonSet();
}
