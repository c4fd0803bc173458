using Attune.Text.Embeddings;

namespace Attune.Text.Tests.Embeddings;

public sealed class EmbeddingFeaturizerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FeaturizeBatchAsync_pairs_embedsPromptAndResponseTextNormalized()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(dimension: 8);
        using var client = new OpenAiEmbeddingClient(new OpenAiEmbeddingOptions { BaseUrl = server.BaseUrl, Model = "m" });
        var featurizer = new EmbeddingFeaturizer(client, dimension: 8);

        var vectors = await featurizer.FeaturizeBatchAsync([new TextPair("Why?", "Because.")], Ct);

        Assert.Equal("Prompt: Why?\n\nResponse: Because.", Assert.Single(server.Requests.Single().Inputs));
        var raw = FakeEmbeddingServer.VectorOf("Prompt: Why?\n\nResponse: Because.", 8);
        var norm = Math.Sqrt(raw.Sum(x => (double)x * x));
        Assert.Equal(raw.Select(x => x / norm), vectors[0].ToDense().Select(x => (double)x), new ToleranceComparer(1e-6));
        Assert.Equal(1.0, vectors[0].L2Norm(), 5);
        Assert.StartsWith("embeddings:v1:model=m:dim=8:normalize=true", featurizer.Description);
    }

    [Fact]
    public async Task FeaturizeBatchAsync_modelOfOtherDimension_throwsDimensionMismatch()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(dimension: 8);
        using var client = new OpenAiEmbeddingClient(new OpenAiEmbeddingOptions { BaseUrl = server.BaseUrl, Model = "m" });
        var featurizer = new EmbeddingFeaturizer(client, dimension: 16);

        var e = await Assert.ThrowsAsync<EmbeddingFormatException>(
            () => featurizer.FeaturizeBatchAsync([new TextPair("q", "a")], Ct));

        Assert.Contains("dimension mismatch", e.Message);
    }

    [Fact]
    public void Constructor_templateWithoutResponse_throwsNamingTemplate()
    {
        using var client = new OpenAiEmbeddingClient(
            new OpenAiEmbeddingOptions { BaseUrl = new Uri("http://127.0.0.1:1/v1"), Model = "m" });

        var e = Assert.Throws<ArgumentException>(() => new EmbeddingFeaturizer(client, 8, template: "{prompt}"));

        Assert.Equal("template", e.ParamName);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
