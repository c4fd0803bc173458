using Attune.Text.Embeddings;

namespace Attune.Text.Tests.Embeddings;

public sealed class OpenAiEmbeddingClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenAiEmbeddingOptions OptionsFor(FakeEmbeddingServer server) => new()
    {
        BaseUrl = server.BaseUrl,
        Model = "fake-embed",
        BatchSize = 4,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        MaxRetries = 3,
    };

    [Fact]
    public async Task EmbedAsync_tenTextsBatchOfFour_sendsThreeRequestsAndKeepsOrder()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        using var client = new OpenAiEmbeddingClient(OptionsFor(server) with { ApiKey = "sk-test" });
        var texts = Enumerable.Range(0, 10).Select(i => $"text number {i}").ToArray();

        var vectors = await client.EmbedAsync(texts, Ct);

        Assert.Equal(3, server.RequestCount);
        Assert.Equal([4, 4, 2], server.Requests.Select(r => r.Inputs.Length));
        Assert.All(server.Requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(FakeEmbeddingServer.VectorOf(texts[i], server.Dimension), vectors[i]);
        }
    }

    [Fact]
    public async Task EmbedAsync_repeatedText_isSentOnce()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        using var client = new OpenAiEmbeddingClient(OptionsFor(server));

        var vectors = await client.EmbedAsync(["same", "other", "same"], Ct);

        Assert.Equal(["same", "other"], server.Requests.Single().Inputs);
        Assert.Equal(vectors[0], vectors[2]);
    }

    [Fact]
    public async Task EmbedAsync_twoServerErrorsThenSuccess_retriesAndSucceeds()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = n => n <= 2 ? new FakeReply(n == 1 ? 500 : 503) : null;
        var retries = new List<EmbeddingRetry>();
        using var client = new OpenAiEmbeddingClient(OptionsFor(server) with { OnRetry = retries.Add });

        var vectors = await client.EmbedAsync(["a"], Ct);

        Assert.Equal(3, server.RequestCount);
        Assert.Equal(["HTTP 500", "HTTP 503"], retries.Select(r => r.Reason));
        Assert.All(retries, r => Assert.False(r.FromRetryAfter));
        Assert.Equal(FakeEmbeddingServer.VectorOf("a", server.Dimension), vectors[0]);
    }

    [Fact]
    public async Task EmbedAsync_backoff_growsExponentiallyWithinJitterBounds()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = n => n <= 3 ? new FakeReply(500) : null;
        var retries = new List<EmbeddingRetry>();
        var options = OptionsFor(server) with
        {
            InitialBackoff = TimeSpan.FromMilliseconds(8),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
            OnRetry = retries.Add,
        };
        using var client = new OpenAiEmbeddingClient(options);

        await client.EmbedAsync(["a"], Ct);

        // Retry k waits min(20, 8 * 2^k) ms times a factor in [0.5, 1).
        Assert.InRange(retries[0].Delay.TotalMilliseconds, 4, 8);
        Assert.InRange(retries[1].Delay.TotalMilliseconds, 8, 16);
        Assert.InRange(retries[2].Delay.TotalMilliseconds, 10, 20);
    }

    [Fact]
    public async Task EmbedAsync_429WithRetryAfter_waitsTheServersDelay()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = n => n == 1 ? new FakeReply(429, RetryAfter: "1") : null;
        var retries = new List<EmbeddingRetry>();
        using var client = new OpenAiEmbeddingClient(OptionsFor(server) with { OnRetry = retries.Add });

        await client.EmbedAsync(["a"], Ct);

        var retry = Assert.Single(retries);
        Assert.True(retry.FromRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Delay);
        Assert.Equal("HTTP 429", retry.Reason);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_retryAfterAboveCap_isCapped()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = n => n == 1 ? new FakeReply(429, RetryAfter: "3600") : null;
        var retries = new List<EmbeddingRetry>();
        var options = OptionsFor(server) with { MaxRetryAfter = TimeSpan.FromMilliseconds(50), OnRetry = retries.Add };
        using var client = new OpenAiEmbeddingClient(options);

        await client.EmbedAsync(["a"], Ct);

        Assert.Equal(TimeSpan.FromMilliseconds(50), Assert.Single(retries).Delay);
    }

    [Fact]
    public async Task EmbedAsync_serverAlwaysFails_throwsAfterMaxRetriesWithLastStatus()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = _ => new FakeReply(503);
        using var client = new OpenAiEmbeddingClient(OptionsFor(server));

        var e = await Assert.ThrowsAsync<EmbeddingException>(() => client.EmbedAsync(["a"], Ct));

        Assert.Equal(503, e.StatusCode);
        Assert.Equal(4, server.RequestCount);
        Assert.Contains("4 attempts", e.Message);
    }

    [Fact]
    public async Task EmbedAsync_badRequest_isNotRetried()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = _ => new FakeReply(400, Body: """{"error": {"message": "input too long"}}""");
        using var client = new OpenAiEmbeddingClient(OptionsFor(server));

        var e = await Assert.ThrowsAsync<EmbeddingException>(() => client.EmbedAsync(["a"], Ct));

        Assert.Equal(400, e.StatusCode);
        Assert.Contains("input too long", e.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_slowServer_timesOutAndRetries()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = n => n == 1 ? new FakeReply(200) { Delay = TimeSpan.FromSeconds(5) } : null;
        var retries = new List<EmbeddingRetry>();
        var options = OptionsFor(server) with { Timeout = TimeSpan.FromMilliseconds(300), OnRetry = retries.Add };
        using var client = new OpenAiEmbeddingClient(options);

        var vectors = await client.EmbedAsync(["a"], Ct);

        Assert.StartsWith("timed out", Assert.Single(retries).Reason);
        Assert.Equal(server.Dimension, vectors[0].Length);
    }

    [Fact]
    public async Task EmbedAsync_nothingListening_retriesConnectionErrorsThenThrows()
    {
        Uri closed;
        await using (var server = await FakeEmbeddingServer.StartAsync())
        {
            closed = server.BaseUrl;
        }

        var retries = new List<EmbeddingRetry>();
        using var client = new OpenAiEmbeddingClient(new OpenAiEmbeddingOptions
        {
            BaseUrl = closed,
            Model = "m",
            MaxRetries = 2,
            InitialBackoff = TimeSpan.FromMilliseconds(1),
            OnRetry = retries.Add,
        });

        var e = await Assert.ThrowsAsync<EmbeddingException>(() => client.EmbedAsync(["a"], Ct));

        Assert.Null(e.StatusCode);
        Assert.Equal(2, retries.Count);
        Assert.All(retries, r => Assert.StartsWith("connection error", r.Reason));
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("""{"object": "list"}""", "no \"data\" array")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 2]}]}""", "1 items in \"data\" for 2 inputs")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 2]}, {"index": 0, "embedding": [3, 4]}]}""", "appears twice")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 2]}, {"index": 5, "embedding": [3, 4]}]}""", "outside [0, 2)")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 2]}, {"index": 1, "embedding": [3, "x"]}]}""", "not a finite number")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 2]}, {"index": 1}]}""", "no \"embedding\" array")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 2]}, {"index": 1, "embedding": [3, 4, 5]}]}""", "dimension 3")]
    public async Task EmbedAsync_malformedReply_throwsFormatExceptionWithoutRetry(string body, string expected)
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        server.Script = _ => new FakeReply(200, Body: body);
        using var client = new OpenAiEmbeddingClient(OptionsFor(server));

        var e = await Assert.ThrowsAsync<EmbeddingFormatException>(() => client.EmbedAsync(["a", "b"], Ct));

        Assert.Contains(expected, e.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_unexpectedDimension_throwsDimensionMismatch()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(dimension: 8);
        using var client = new OpenAiEmbeddingClient(OptionsFor(server) with { ExpectedDimension = 16 });

        var e = await Assert.ThrowsAsync<EmbeddingFormatException>(() => client.EmbedAsync(["a"], Ct));

        Assert.Contains("dimension mismatch", e.Message);
    }

    [Fact]
    public async Task EmbedAsync_secondClientSameCache_answersFromDiskWithoutRequests()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        var cacheDir = Directory.CreateTempSubdirectory("attune-cache-").FullName;
        try
        {
            var options = OptionsFor(server) with { CacheDirectory = cacheDir };
            using (var first = new OpenAiEmbeddingClient(options))
            {
                await first.EmbedAsync(["alpha", "beta"], Ct);
            }

            using var second = new OpenAiEmbeddingClient(options);
            var vectors = await second.EmbedAsync(["beta", "alpha", "gamma"], Ct);

            Assert.Equal(2, server.RequestCount);
            Assert.Equal(["gamma"], server.Requests.Last().Inputs);
            Assert.Equal(FakeEmbeddingServer.VectorOf("beta", server.Dimension), vectors[0]);
            Assert.Equal(FakeEmbeddingServer.VectorOf("alpha", server.Dimension), vectors[1]);
        }
        finally
        {
            Directory.Delete(cacheDir, recursive: true);
        }
    }

    [Fact]
    public async Task EmbedAsync_otherModelSameCache_missesTheCache()
    {
        await using var server = await FakeEmbeddingServer.StartAsync();
        var cacheDir = Directory.CreateTempSubdirectory("attune-cache-").FullName;
        try
        {
            using (var first = new OpenAiEmbeddingClient(OptionsFor(server) with { CacheDirectory = cacheDir }))
            {
                await first.EmbedAsync(["alpha"], Ct);
            }

            using var other = new OpenAiEmbeddingClient(OptionsFor(server) with { CacheDirectory = cacheDir, Model = "other" });
            await other.EmbedAsync(["alpha"], Ct);

            Assert.Equal(2, server.RequestCount);
        }
        finally
        {
            Directory.Delete(cacheDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("BatchSize")]
    [InlineData("MaxRetries")]
    [InlineData("Model")]
    [InlineData("BaseUrl")]
    public void Constructor_invalidOption_throwsNamingIt(string option)
    {
        var options = new OpenAiEmbeddingOptions { BaseUrl = new Uri("http://127.0.0.1:1/v1"), Model = "m" };
        options = option switch
        {
            "BatchSize" => options with { BatchSize = 0 },
            "MaxRetries" => options with { MaxRetries = -1 },
            "Model" => options with { Model = " " },
            _ => options with { BaseUrl = new Uri("ftp://example/v1") },
        };

        var e = Assert.ThrowsAny<ArgumentException>(() => new OpenAiEmbeddingClient(options));

        Assert.Equal(option, e.ParamName);
    }
}
