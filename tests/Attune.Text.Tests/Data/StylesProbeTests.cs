using Attune.Data.Styles;
using Attune.Text.Hashing;

namespace Attune.Text.Tests.Data;

/// <summary>
/// The hashing featurizer must expose the styles attributes linearly, or no linear reward model can learn them. Probe:
/// the difference of the class means of +1 and -1 responses on training prompts, thresholded half-way, scored on prompts
/// of other topics (even prompt indices train, odd test; with 32 prompts the two sets share no topic). Chance is 0.5.
/// </summary>
public sealed class StylesProbeTests
{
    private static readonly HashingFeaturizer Featurizer = new();
    private static readonly (float[] Features, IReadOnlyList<int> Levels, bool Train)[] Responses = Featurize();

    [Theory]
    [InlineData(StyleAttribute.Length)]
    [InlineData(StyleAttribute.Formality)]
    [InlineData(StyleAttribute.Humour)]
    [InlineData(StyleAttribute.Engagement)]
    [InlineData(StyleAttribute.Politeness)]
    [InlineData(StyleAttribute.Enthusiasm)]
    [InlineData(StyleAttribute.Confidence)]
    public void MeanDifferenceProbe_wholeVectorHeldOutTopics_isClearlyAboveChance(StyleAttribute attribute)
    {
        var accuracy = ProbeAccuracy(attribute, firstFeature: 0);

        // Topic n-grams of unseen prompts add noise to the whole vector; 0.65 is > 3 standard errors above chance here.
        Assert.True(accuracy >= 0.65, $"{attribute}: held-out probe accuracy {accuracy:F3}");
    }

    [Theory]
    [InlineData(StyleAttribute.Length)]
    [InlineData(StyleAttribute.Formality)]
    [InlineData(StyleAttribute.Humour)]
    [InlineData(StyleAttribute.Engagement)]
    [InlineData(StyleAttribute.Politeness)]
    [InlineData(StyleAttribute.Enthusiasm)]
    [InlineData(StyleAttribute.Confidence)]
    public void MeanDifferenceProbe_styleBlockHeldOutTopics_separatesWell(StyleAttribute attribute)
    {
        var accuracy = ProbeAccuracy(attribute, firstFeature: Featurizer.StyleOffset);

        Assert.True(accuracy >= 0.8, $"{attribute}: held-out style-block probe accuracy {accuracy:F3}");
    }

    private static double ProbeAccuracy(StyleAttribute attribute, int firstFeature)
    {
        var a = (int)attribute;
        var train = Responses.Where(r => r.Train && r.Levels[a] != 0).ToList();
        var test = Responses.Where(r => !r.Train && r.Levels[a] != 0).ToList();
        var positive = Mean(train.Where(r => r.Levels[a] == 1).Select(r => r.Features));
        var negative = Mean(train.Where(r => r.Levels[a] == -1).Select(r => r.Features));
        var direction = positive.Select((p, i) => i >= firstFeature ? p - negative[i] : 0f).ToArray();
        var threshold = (Project(direction, positive) + Project(direction, negative)) / 2;
        return test.Count(r => Project(direction, r.Features) > threshold == (r.Levels[a] == 1)) / (double)test.Count;
    }

    private static (float[], IReadOnlyList<int>, bool)[] Featurize()
    {
        var world = StylesWorld.Generate(new StylesOptions(seed: 3, prompts: 32, comparisonsPerUser: 1));
        var truth = (StylesGroundTruth)world.GroundTruth!;
        return world.Prompts
            .SelectMany((p, i) => p.Responses.Select(r => (
                Featurizer.Featurize(new TextPair(p.Prompt, r)).ToDense(),
                truth.Levels(p.Prompt, r),
                i % 2 == 0)))
            .ToArray();
    }

    private static float[] Mean(IEnumerable<float[]> rows)
    {
        var list = rows.ToList();
        var mean = new float[list[0].Length];
        foreach (var row in list)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += row[i] / list.Count;
            }
        }

        return mean;
    }

    private static double Project(float[] direction, float[] x)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (double)direction[i] * x[i];
        }

        return sum;
    }
}
