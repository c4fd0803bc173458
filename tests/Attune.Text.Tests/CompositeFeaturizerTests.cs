using Attune.Text.Encoders;
using Attune.Text.Hashing;
using Attune.Text.Tests.Encoders;

namespace Attune.Text.Tests;

public sealed class CompositeFeaturizerTests
{
    private static readonly TextPair Sample = new("Any tips for a job interview?", "Certainly! Research the company, and practise your answers.");

    [Fact]
    public void Featurize_encoderThenHashing_concatenatesScaledBlocksAtTheirOffsets()
    {
        var encoder = new MiniLmFeaturizer(EncoderFixture.Encoder);
        var hashing = new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 256));
        var composite = new CompositeFeaturizer([encoder, hashing], [0.5, 2.0]);

        var e = composite.Featurize(Sample).ToDense();

        Assert.Equal(384 + hashing.Dimension, composite.Dimension);
        Assert.Equal(0, composite.Offset(0));
        Assert.Equal(384, composite.Offset(1));
        Assert.Equal(encoder.Featurize(Sample).ToDense().Select(x => 0.5f * x).ToArray(), e[..384]);
        Assert.Equal(hashing.Featurize(Sample).ToDense().Select(x => 2f * x).ToArray(), e[384..]);
    }

    [Fact]
    public void Featurize_sparsePart_staysSparseInItsBlock()
    {
        var hashing = new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 4096));
        var composite = new CompositeFeaturizer([new MiniLmFeaturizer(EncoderFixture.Encoder), hashing], [1.0, 1.0]);

        var e = composite.Featurize(Sample);

        Assert.Equal(384 + hashing.Featurize(Sample).Count, e.Count);
    }

    [Fact]
    public async Task FeaturizeBatchAsync_pairs_equalsFeaturizeOfEachPair()
    {
        var composite = new CompositeFeaturizer(
            [new MiniLmFeaturizer(EncoderFixture.Encoder), new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 64))], [1.0, 0.25]);
        TextPair[] pairs = [Sample, new("Hi", "Hello there."), new("Hi", "")];

        var batch = await composite.FeaturizeBatchAsync(pairs, TestContext.Current.CancellationToken);

        for (var i = 0; i < pairs.Length; i++)
        {
            Assert.True(EncoderFixture.MaxAbsDifference(composite.Featurize(pairs[i]).ToDense(), batch[i].ToDense()) <= 1e-6, $"pair {i}");
        }
    }

    [Fact]
    public void Description_namesScalesThenEscapedParts()
    {
        var hashing = new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 64));
        var composite = new CompositeFeaturizer([new MiniLmFeaturizer(EncoderFixture.Encoder), hashing], [0.5, 1.0]);

        Assert.Equal(
            "composite:v1:scales=0.5,1:parts=" + Uri.EscapeDataString("minilm:v1:weights=24.9.52193:window=256:prompt=none")
            + "," + Uri.EscapeDataString(hashing.Description),
            composite.Description);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e-60)]
    public void Constructor_badScale_throwsArgumentException(double scale)
    {
        var hashing = new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 64));

        Assert.Throws<ArgumentException>(() => new CompositeFeaturizer([hashing, hashing], [1.0, scale]));
    }

    [Fact]
    public void Constructor_onePartOrScaleCountMismatch_throwsArgumentException()
    {
        var hashing = new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 64));

        Assert.Throws<ArgumentException>(() => new CompositeFeaturizer([hashing], [1.0]));
        Assert.Throws<ArgumentException>(() => new CompositeFeaturizer([hashing, hashing], [1.0]));
    }
}
