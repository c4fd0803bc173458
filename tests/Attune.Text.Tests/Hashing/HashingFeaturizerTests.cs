using Attune.Text.Hashing;

namespace Attune.Text.Tests.Hashing;

public sealed class HashingFeaturizerTests
{
    private static readonly TextPair Sample = new(
        "How do I keep basil alive?",
        "Water it when the soil feels dry, and give it plenty of sun. Perhaps pinch the flowers off!");

    [Fact]
    public void Bucket_fixedToken_hasPinnedIndexAndSign()
    {
        // Pinned: feature indices of trained models depend on the hash; a change here must bump the version (hashing:v2).
        var featurizer = new HashingFeaturizer();

        Assert.Equal((197, 1f), featurizer.Bucket("w:hello"));
        Assert.Equal((1575, 1f), featurizer.Bucket("c:hel"));
    }

    [Fact]
    public void Featurize_samePairTwice_givesIdenticalVectors()
    {
        var a = new HashingFeaturizer().Featurize(Sample);
        var b = new HashingFeaturizer().Featurize(Sample);

        Assert.Equal(a.Indices.ToArray(), b.Indices.ToArray());
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
    }

    [Fact]
    public void Featurize_defaultOptions_hasDocumentedDimensionAndSortedIndices()
    {
        var featurizer = new HashingFeaturizer();

        var v = featurizer.Featurize(Sample);

        Assert.Equal(4096 + StyleStatistics.Count, featurizer.Dimension);
        Assert.Equal(featurizer.Dimension, v.Dimension);
        Assert.True(v.Indices.ToArray().SequenceEqual(v.Indices.ToArray().Order()));
        Assert.Contains(featurizer.StyleOffset + (int)StyleFeature.Hedges, v.Indices.ToArray());
    }

    [Fact]
    public void Featurize_wordBlockOnly_hasUnitNorm()
    {
        var featurizer = new HashingFeaturizer(new HashingFeaturizerOptions(minCharNgram: 0, maxCharNgram: 0, styleWeight: 0));

        var v = featurizer.Featurize(Sample);

        Assert.Equal(1.0, v.L2Norm(), 6);
        Assert.All(v.Indices.ToArray(), i => Assert.True(i < featurizer.StyleOffset));
    }

    [Fact]
    public void Featurize_styleBlockOnly_hasNormEqualToStyleWeight()
    {
        var featurizer = new HashingFeaturizer(
            new HashingFeaturizerOptions(minCharNgram: 0, maxCharNgram: 0, wordWeight: 0, styleWeight: 0.7));

        var v = featurizer.Featurize(Sample);

        Assert.Equal(0.7, v.L2Norm(), 6);
        Assert.All(v.Indices.ToArray(), i => Assert.True(i >= featurizer.StyleOffset));
    }

    [Fact]
    public void Featurize_differentCaseAndSpacing_givesSameNgramBlocks()
    {
        var featurizer = new HashingFeaturizer(new HashingFeaturizerOptions(styleWeight: 0));

        var a = featurizer.Featurize(new TextPair("", "hello  world"));
        var b = featurizer.Featurize(new TextPair("", "Hello world"));

        Assert.Equal(a.ToDense(), b.ToDense());
    }

    [Fact]
    public void FromDescription_description_rebuildsEquivalentFeaturizer()
    {
        var original = new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 512, maxWordNgram: 3, charWeight: 0.25, seed: 9));

        var rebuilt = HashingFeaturizer.FromDescription(original.Description);

        Assert.Equal(original.Description, rebuilt.Description);
        Assert.Equal(original.Featurize(Sample).ToDense(), rebuilt.Featurize(Sample).ToDense());
    }

    [Theory]
    [InlineData("embeddings:v1:model=x")]
    [InlineData("hashing:v1:buckets=abc:words=1-2:chars=3-5:weights=1,0.5,1:seed=0")]
    [InlineData("hashing:v1:buckets=4096")]
    public void FromDescription_malformed_throwsFormatException(string description)
    {
        Assert.Throws<FormatException>(() => HashingFeaturizer.FromDescription(description));
    }

    [Fact]
    public void Options_tooFewBuckets_throwsNamingBuckets()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new HashingFeaturizerOptions(buckets: 8));

        Assert.Equal("buckets", e.ParamName);
    }

    [Fact]
    public async Task FeaturizeBatchAsync_pairs_matchesSingleCallsInOrder()
    {
        var featurizer = new HashingFeaturizer();
        TextPair[] pairs = [Sample, new("q", "Short answer."), new("", "")];

        var batch = await featurizer.FeaturizeBatchAsync(pairs, TestContext.Current.CancellationToken);

        Assert.Equal(pairs.Length, batch.Count);
        for (var i = 0; i < pairs.Length; i++)
        {
            Assert.Equal(featurizer.Featurize(pairs[i]).ToDense(), batch[i].ToDense());
        }
    }
}
