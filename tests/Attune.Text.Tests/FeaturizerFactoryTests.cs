using Attune.Text.Encoders;
using Attune.Text.Hashing;
using Attune.Text.Tests.Encoders;

namespace Attune.Text.Tests;

public sealed class FeaturizerFactoryTests
{
    private static readonly TextPair Sample = new("Explain recursion briefly.", "A function that calls itself on a smaller input until a base case.");

    public static TheoryData<string> Descriptions()
    {
        var hashing = new HashingFeaturizer();
        var small = new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 128, maxWordNgram: 3, charWeight: 0.25, seed: 7));
        var minilm = new MiniLmFeaturizer(EncoderFixture.Encoder);
        var product = new MiniLmFeaturizer(EncoderFixture.Encoder, MiniLmPromptMode.Product);
        return new TheoryData<string>(
            hashing.Description,
            small.Description,
            minilm.Description,
            product.Description,
            new CompositeFeaturizer([minilm, small], [0.5, 1.5]).Description,
            new CompositeFeaturizer([product, hashing, small], [1, 0.125, 3]).Description,
            new CompositeFeaturizer([new CompositeFeaturizer([minilm, small], [2, 1]), hashing], [1, 1]).Description);
    }

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void FromDescription_everyKind_rebuildsTheSameFeaturizer(string description)
    {
        var rebuilt = FeaturizerFactory.FromDescription(description);
        var again = FeaturizerFactory.FromDescription(rebuilt.Description);

        Assert.Equal(description, rebuilt.Description);
        Assert.Equal(rebuilt.Dimension, again.Dimension);
        Assert.Equal(rebuilt.Featurize(Sample).ToDense(), again.Featurize(Sample).ToDense());
    }

    [Fact]
    public void FromDescription_composite_rebuildsItsVectors()
    {
        var original = new CompositeFeaturizer(
            [new MiniLmFeaturizer(EncoderFixture.Encoder), new HashingFeaturizer(new HashingFeaturizerOptions(buckets: 128))], [0.5, 1.5]);

        var rebuilt = FeaturizerFactory.FromDescription(original.Description);

        Assert.IsType<CompositeFeaturizer>(rebuilt);
        Assert.Equal(original.Featurize(Sample).ToDense(), rebuilt.Featurize(Sample).ToDense());
    }

    [Theory]
    [InlineData("embeddings:v1:model=x")]
    [InlineData("precomputed:dim=3:source=x")]
    [InlineData("")]
    [InlineData("hashing:v1:buckets=4096")]
    [InlineData("minilm:v1:weights=1.0.0:window=256:prompt=none")]
    [InlineData("composite:v1:scales=1:parts=hashing%3Av1")]
    [InlineData("composite:v1:scales=1,x:parts=a,b")]
    [InlineData("composite:v1:parts=a,b")]
    public void FromDescription_unknownOrMalformed_throwsFormatException(string description)
    {
        Assert.Throws<FormatException>(() => FeaturizerFactory.FromDescription(description));
    }
}
