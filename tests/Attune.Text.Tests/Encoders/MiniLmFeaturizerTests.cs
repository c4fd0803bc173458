using Attune.Text.Encoders;

namespace Attune.Text.Tests.Encoders;

public sealed class MiniLmFeaturizerTests
{
    private static readonly TextPair[] Pairs =
    [
        new("What is the capital of France?", "Paris is the capital of France."),
        new("What is the capital of France?", "I am not sure, maybe Lyon?"),
        new("Tell me a joke.", ""),
        new("Summarise this.", EncoderFixture.Words(320)),
    ];

    [Fact]
    public void Featurize_promptNone_isTheResponsesDenseEncoding()
    {
        var featurizer = new MiniLmFeaturizer(EncoderFixture.Encoder);

        var e = featurizer.Featurize(Pairs[0]);

        Assert.Equal(384, featurizer.Dimension);
        Assert.Equal(384, e.Dimension);
        Assert.True(e.IsDense);
        Assert.Equal(EncoderFixture.Encoder.Encode([Pairs[0].Response])[0], e.ToDense());
        Assert.Equal(e.ToDense(), featurizer.Featurize(Pairs[0] with { Prompt = "Another prompt entirely." }).ToDense());
    }

    [Fact]
    public void Featurize_promptProduct_appendsTheElementwiseProductWithThePrompt()
    {
        var featurizer = new MiniLmFeaturizer(EncoderFixture.Encoder, MiniLmPromptMode.Product);
        var v = EncoderFixture.Encoder.Encode([Pairs[0].Response, Pairs[0].Prompt]);

        var e = featurizer.Featurize(Pairs[0]).ToDense();

        Assert.Equal(768, e.Length);
        Assert.Equal(v[0], e[..384]);
        Assert.Equal(v[0].Zip(v[1], (r, p) => r * p).ToArray(), e[384..]);
        Assert.Equal(EncoderFixture.Cosine(v[0], v[1]), e[384..].Sum(x => (double)x), 5);
    }

    [Theory]
    [InlineData(MiniLmPromptMode.None)]
    [InlineData(MiniLmPromptMode.Product)]
    public async Task FeaturizeBatchAsync_pairs_equalsFeaturizeOfEachPair(MiniLmPromptMode prompt)
    {
        var featurizer = new MiniLmFeaturizer(new MiniLmOptions(intraOpThreads: 1, batchSize: 3), prompt);
        var single = new MiniLmFeaturizer(new CachedTextEncoder(EncoderFixture.Encoder, 0), prompt);

        var batch = await featurizer.FeaturizeBatchAsync(Pairs, TestContext.Current.CancellationToken);

        Assert.Equal(Pairs.Length, batch.Count);
        for (var i = 0; i < Pairs.Length; i++)
        {
            Assert.True(EncoderFixture.MaxAbsDifference(batch[i].ToDense(), single.Featurize(Pairs[i]).ToDense()) <= 1e-6, $"pair {i}");
        }
    }

    [Fact]
    public void Featurize_responseLongerThanWindow_encodesItsHeadOnly()
    {
        var featurizer = new MiniLmFeaturizer(EncoderFixture.Encoder);
        var pair = Pairs[3];

        var full = featurizer.Featurize(pair).ToDense();
        var head = featurizer.Featurize(pair with { Response = EncoderFixture.Encoder.FitToWindow(pair.Response) }).ToDense();

        Assert.Equal(head, full);
    }

    [Fact]
    public void Description_default_namesEncoderAndPromptMode()
    {
        Assert.Equal(
            "minilm:v1:weights=24.9.52193:window=256:prompt=none", new MiniLmFeaturizer(EncoderFixture.Encoder).Description);
        Assert.Equal(
            "minilm:v1:weights=24.9.52193:window=256:prompt=product",
            new MiniLmFeaturizer(EncoderFixture.Encoder, MiniLmPromptMode.Product).Description);
    }

    [Theory]
    [InlineData("minilm:v1:weights=23.1.1:window=256:prompt=none")]
    [InlineData("minilm:v1:weights=24.9.52193:window=512:prompt=none")]
    [InlineData("minilm:v1:weights=24.9.52193:window=256:prompt=both")]
    [InlineData("minilm:v1:weights=24.9.52193:window=256")]
    [InlineData("minilm:v1:weights=24.9.52193:window")]
    [InlineData("minilm:v2:weights=24.9.52193:window=256:prompt=none")]
    public void FromDescription_foreignOrMalformed_throwsFormatException(string description)
    {
        Assert.Throws<FormatException>(() => MiniLmFeaturizer.FromDescription(description));
    }

    [Fact]
    public void Constructor_encoderWithAnotherId_throwsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new MiniLmFeaturizer(new RenamedEncoder(EncoderFixture.Encoder)));
    }

    private sealed class RenamedEncoder(ITextEncoder inner) : ITextEncoder
    {
        public string Id => "minilm:v1:weights=0.0.0:window=256";

        public int Dimension => inner.Dimension;

        public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            inner.Encode(texts, cancellationToken);
    }
}
