using Attune.Contracts.V1;
using Attune.Generator.Backends;
using Attune.Generator.Options;
using Attune.Generator.Pool;

namespace Attune.Generator.Tests;

/// <summary>The candidate pool, the stand-in backend when no LLM is configured.</summary>
public sealed class PoolTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private static CompletionRequest Ask(string prompt, string partial = "", int n = 8, int maxTokens = 4096, long seed = 1) =>
        new(prompt, partial, n, maxTokens, 0.9, seed, DateTime.MaxValue);

    [Fact]
    public async Task Complete_anyQuestion_givesNDistinctRenderedResponses()
    {
        var backend = new PoolBackend(new CandidatePool(new PoolOptions()));

        var completions = await backend.CompleteAsync(Ask("Why is the sky blue?"), CancellationToken.None);

        Assert.Equal(8, completions.Count);
        Assert.Equal(8, completions.Select(c => c.Text).Distinct().Count());
        Assert.All(completions, c => Assert.True(c.Finished));
    }

    /// <summary>The demo world's pool: for any question exactly its 16 answers, all of them for n = 16, fewer never repeated.</summary>
    [Fact]
    public async Task Complete_demoWorld_theSixteenAnswersToTheQuestion()
    {
        var backend = new PoolBackend(new CandidatePool(new PoolOptions { World = "demo" }));
        var question = "How do I fix a leaky faucet?";

        var all = await backend.CompleteAsync(Ask(question, n: 32), CancellationToken.None);
        var some = await backend.CompleteAsync(Ask(question, n: 8), CancellationToken.None);

        var expected = Attune.Data.Demo.DemoResponses.For(question).Select(r => r.Text).Order(StringComparer.Ordinal);
        Assert.Equal(expected, all.Select(c => c.Text).Order(StringComparer.Ordinal));
        Assert.Equal(8, some.Select(c => c.Text).Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => new PoolOptions { World = "mars" }.Validate());
    }

    [Fact]
    public async Task Complete_promptOfTheStylesWorld_knownResponsesComeFirst()
    {
        var options = new PoolOptions { StylesSeed = 0, StylesPrompts = 4, StylesResponsesPerPrompt = 3, StylesPairsPerPrompt = 2 };
        var pool = new CandidatePool(options);
        var prompt = Attune.Data.Styles.StylesResponseGenerator.Prompts[1];
        var known = pool.Known(prompt);

        var completions = await new PoolBackend(pool).CompleteAsync(Ask(prompt, n: 5), CancellationToken.None);

        Assert.Equal(3, known.Count);
        Assert.Equal(known.Order(StringComparer.Ordinal), completions.Take(3).Select(c => c.Text).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(completions.Skip(3), c => known.Contains(c.Text));
    }

    [Fact]
    public async Task Complete_partialResponse_continuesAPoolResponseThatStartsWithIt()
    {
        var pool = new CandidatePool(new PoolOptions());
        var full = pool.For("How do I fix a bike?")[5];
        var tokens = TokenText.Split(full);
        var partial = string.Concat(tokens.Take(3));

        var completions = await new PoolBackend(pool).CompleteAsync(Ask("How do I fix a bike?", partial, n: 32, maxTokens: 2), CancellationToken.None);

        Assert.Contains(completions, c => c.Text == string.Concat(tokens.Skip(3).Take(2)) && !c.Finished);
        Assert.All(completions, c => Assert.Contains(pool.For("How do I fix a bike?"), r => r.StartsWith(partial + c.Text, StringComparison.Ordinal)));
    }

    [Fact]
    public void Split_anyText_concatenatesBackExactly()
    {
        const string text = "  Hey, you're gonna\n\nlove this!  ";

        Assert.Equal(text, string.Concat(TokenText.Split(text)));
        Assert.Equal(5, TokenText.Split(text).Count);
    }

    [Theory]
    [InlineData(GenerationStrategy.BestOfN)]
    [InlineData(GenerationStrategy.Blockwise)]
    public async Task Generate_noBackendConfigured_poolServesAnyQuestion(GenerationStrategy strategy)
    {
        await using var generator = GeneratorHost.Start(new Dictionary<string, string?> { ["Services:Adapter"] = stack.Adapter.Address });

        var reply = await generator.Client.GenerateAsync(new GenerateRequest
        {
            UserId = StackFixture.CasualUser, Prompt = "What should I cook tonight?", Strategy = strategy, BlockTokens = 8,
        });

        Assert.Equal("pool", reply.Backend);
        Assert.False(string.IsNullOrWhiteSpace(reply.Response));
        Assert.Contains(new CandidatePool(new PoolOptions()).For("What should I cook tonight?"), r => r.StartsWith(reply.Response, StringComparison.Ordinal));
    }
}
