using Attune.Ml.Data;
using Attune.Ml.Training;

namespace Attune.Ml.Tests;

public sealed class InputValidationTests
{
    private static readonly DenseFeatureMatrix Features = new([1f, 0f, 0f, 1f, 0f, 0f], 3, 2);

    [Fact]
    public void DenseFeatureMatrix_nanFeature_throwsNamingValues()
    {
        var error = Assert.Throws<ArgumentException>(() => new DenseFeatureMatrix([1f, float.NaN], 1, 2));

        Assert.Equal("values", error.ParamName);
        Assert.Contains("column 1", error.Message);
    }

    [Fact]
    public void SparseFeatureMatrix_columnOutOfRange_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SparseFeatureMatrix([0, 1], [5], [1f], 4));

        Assert.Equal("columnIndices", error.ParamName);
    }

    [Fact]
    public void ComparisonSet_nanPreference_throwsNamingPreferences()
    {
        var error = Assert.Throws<ArgumentException>(() => new ComparisonSet(Features, 1, [0], [0], [float.NaN]));

        Assert.Equal("preferences", error.ParamName);
    }

    [Fact]
    public void ComparisonSet_preferenceAboveOne_throws()
    {
        Assert.Throws<ArgumentException>(() => new ComparisonSet(Features, 1, [0], [0], [1.5f]));
    }

    [Fact]
    public void ComparisonSet_empty_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ComparisonSet(Features, 1, [], [], []));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void ComparisonSet_noUsers_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ComparisonSet(Features, 0, [0], [0], [1f]));

        Assert.Equal("userCount", error.ParamName);
    }

    [Fact]
    public void ComparisonSet_mismatchedLengths_throwsNamingArray()
    {
        var error = Assert.Throws<ArgumentException>(() => new ComparisonSet(Features, 1, [0, 0], [0], [1f, 0f]));

        Assert.Equal("pairs", error.ParamName);
    }

    [Fact]
    public void ComparisonSet_identicalResponsesPair_isRejected()
    {
        // Row 2 is all zeros: d = e(x, a) - e(x, b) = 0.
        var error = Assert.Throws<ArgumentException>(() => new ComparisonSet(Features, 1, [0, 0], [0, 2], [1f, 0f]));

        Assert.Equal("pairs", error.ParamName);
        Assert.Contains("d = 0", error.Message);
    }

    [Fact]
    public void ComparisonSet_userOutOfRange_throws()
    {
        Assert.Throws<ArgumentException>(() => new ComparisonSet(Features, 1, [1], [0], [1f]));
    }

    [Fact]
    public void Train_rankAboveUsers_throwsNamingLimit()
    {
        var data = new PlantedData(4, 30, 8, 2, 0.8, seed: 81);
        var trainer = new PrefTrainer(new PrefTrainingOptions { Rank = 5 });

        var error = Assert.Throws<ArgumentException>(() => trainer.Train(data.Train, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("K = 5 exceeds", error.Message);
    }

    [Fact]
    public void Train_rankAboveDimension_throws()
    {
        var data = new PlantedData(20, 30, 3, 2, 0.5, seed: 82);
        var trainer = new PrefTrainer(new PrefTrainingOptions { Rank = 4 });

        Assert.Throws<ArgumentException>(() => trainer.Train(data.Train, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("LambdaV")]
    [InlineData("ValidationFraction")]
    [InlineData("Rank")]
    [InlineData("PriorShrinkage")]
    public void Options_outOfRange_throwsNamingValue(string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "LambdaV" => new PrefTrainingOptions { LambdaV = -1f },
            "ValidationFraction" => new PrefTrainingOptions { ValidationFraction = 0.6 },
            "Rank" => new PrefTrainingOptions { Rank = 0 },
            _ => new PrefTrainingOptions { PriorShrinkage = 2 },
        });

        Assert.Equal(name, error.ParamName);
    }
}
