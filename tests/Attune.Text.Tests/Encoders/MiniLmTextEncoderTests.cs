using Attune.Text.Encoders;

namespace Attune.Text.Tests.Encoders;

public sealed class MiniLmTextEncoderTests
{
    private static readonly string[] Texts =
    [
        "The cat sat on the mat.",
        "",
        "How do I reset my password? I forgot it yesterday and the email link has expired.",
        "Yes.",
        EncoderFixture.Words(40),
    ];

    [Fact]
    public void Encode_texts_returnsUnitVectorsOf384()
    {
        var vectors = EncoderFixture.Encoder.Encode(Texts);

        Assert.Equal(Texts.Length, vectors.Length);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
        });
        Assert.Equal(384, EncoderFixture.Encoder.Dimension);
        Assert.Equal("CPUExecutionProvider", EncoderFixture.Encoder.ExecutionProvider);
    }

    [Fact]
    public void Encode_newSession_givesBitIdenticalVectors()
    {
        using var fresh = new MiniLmTextEncoder(new MiniLmOptions(intraOpThreads: 1));

        var first = EncoderFixture.Encoder.Encode(Texts);
        var second = fresh.Encode(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public void Encode_batchOfMixedLengths_equalsEachTextAlone()
    {
        using var smallBatches = new MiniLmTextEncoder(new MiniLmOptions(intraOpThreads: 1, batchSize: 2));

        var batched = smallBatches.Encode(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            var alone = EncoderFixture.Encoder.Encode([Texts[i]])[0];
            Assert.True(
                EncoderFixture.MaxAbsDifference(batched[i], alone) <= 1e-6,
                $"text {i}: batched and single vectors differ by {EncoderFixture.MaxAbsDifference(batched[i], alone)}");
        }
    }

    [Theory]
    [InlineData("The cat sat on the mat.", "A kitten was resting on the rug.", "Quarterly tax filings are due in April.")]
    [InlineData("How do I reset my password?", "What are the steps to change my login password?", "The volcano erupted last night.")]
    [InlineData("I really enjoyed the movie, it was fantastic.", "The film was great and I loved it.", "Add two cups of flour to the bowl.")]
    public void Encode_paraphrases_areCloserThanUnrelatedText(string text, string paraphrase, string unrelated)
    {
        var v = EncoderFixture.Encoder.Encode([text, paraphrase, unrelated]);

        var close = EncoderFixture.Cosine(v[0], v[1]);
        Assert.True(close > EncoderFixture.Cosine(v[0], v[2]) + 0.3, $"cos(paraphrase) {close} vs cos(unrelated) {EncoderFixture.Cosine(v[0], v[2])}");
        Assert.True(close > EncoderFixture.Cosine(v[1], v[2]) + 0.3, $"cos(paraphrase) {close} vs cos(unrelated) {EncoderFixture.Cosine(v[1], v[2])}");
    }

    [Fact]
    public void FitToWindow_shortText_isUnchanged()
    {
        var text = EncoderFixture.Words(20);

        Assert.Same(text, EncoderFixture.Encoder.FitToWindow(text));
    }

    [Fact]
    public void FitToWindow_longText_keepsTheLongestWordPrefixThatFits()
    {
        var encoder = EncoderFixture.Encoder;
        var text = EncoderFixture.Words(400);
        Assert.True(encoder.CountTokens(text) > MiniLmTextEncoder.Window);

        var head = encoder.FitToWindow(text);

        Assert.StartsWith(head, text, StringComparison.Ordinal);
        Assert.Equal(' ', text[head.Length]);
        Assert.True(encoder.CountTokens(head) <= MiniLmTextEncoder.Window);
        var oneMoreWord = text[..(text.IndexOf(' ', head.Length + 1) is var next and > 0 ? next : text.Length)];
        Assert.True(encoder.CountTokens(oneMoreWord) > MiniLmTextEncoder.Window);
    }

    [Fact]
    public void FitToWindow_oneOverlongWord_isCutInsideTheWord()
    {
        var encoder = EncoderFixture.Encoder;
        var text = string.Join(',', Enumerable.Range(0, 300).Select(i => "x"));

        var head = encoder.FitToWindow(text);

        Assert.StartsWith(head, text, StringComparison.Ordinal);
        Assert.InRange(encoder.CountTokens(head), MiniLmTextEncoder.Window - 1, MiniLmTextEncoder.Window);
    }

    [Fact]
    public void Encode_textLongerThanWindow_encodesItsHeadAndIgnoresTheTail()
    {
        var encoder = EncoderFixture.Encoder;
        var text = EncoderFixture.Words(150);
        Assert.InRange(encoder.CountTokens(text), MiniLmTextEncoder.Window + 1, 511);

        var v = encoder.Encode([text, text + " an entirely different ending about volcanoes", encoder.FitToWindow(text), EncoderFixture.Words(100)]);

        Assert.Equal(v[0], v[1]);
        Assert.Equal(v[0], v[2]);
        Assert.NotEqual(v[0], v[3]);
    }

    [Fact]
    public void Constructor_cudaOnACpuBuild_throwsInvalidOperation()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new MiniLmTextEncoder(new MiniLmOptions(device: OnnxDevice.Cuda)));

        Assert.Contains("AttuneOnnxGpu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_autoOnACpuBuild_runsOnTheCpu()
    {
        using var encoder = new MiniLmTextEncoder(new MiniLmOptions(device: OnnxDevice.Auto));

        Assert.Equal("CPUExecutionProvider", encoder.ExecutionProvider);
    }

    [Theory]
    [InlineData(0, 32, 0)]
    [InlineData(1, 0, 0)]
    [InlineData(1, 32, -1)]
    public void Options_outOfRange_throwNamingTheValue(int threads, int batch, int entries)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmOptions(threads, OnnxDevice.Cpu, batch, entries));
    }

    [Fact]
    public void EncoderId_namesWeightsAndWindow()
    {
        Assert.Equal("minilm:v1:weights=24.9.52193:window=256", MiniLmTextEncoder.EncoderId);
    }
}
