using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;

namespace Attune.IntegrationTests.Tests;

/// <summary>Issue 4, faults: a client retrying RecordComparison with one client id.</summary>
public sealed class DuplicateTests : StackTest
{
    /// <summary>
    /// The same comparison sent twice in a row, then five times at once, with one client id each time: one row, one
    /// event, one copy in the trainer and one answer in the adapter per client id; every reply names the stored row.
    /// </summary>
    [Fact]
    public async Task SameComparisonWithOneClientId_storedOnceEverywhere()
    {
        var comparisons = StylesPopulation.Load(seed: 1, comparisonsPerUser: 2, prompts: 2).Comparisons;
        var (a, b) = (comparisons[0], comparisons[1]);

        var first = await Stack.FeedbackClient.RecordComparisonAsync(StylesPopulation.Request(a, "retry-1"), Deadline());
        var again = await Stack.FeedbackClient.RecordComparisonAsync(StylesPopulation.Request(a, "retry-1"), Deadline());
        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Stack.FeedbackClient.RecordComparisonAsync(StylesPopulation.Request(b, "retry-2"), Deadline()).ResponseAsync));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.ComparisonId, again.ComparisonId);
        Assert.Single(racing, r => !r.Duplicate);
        Assert.Single(racing.Select(r => r.ComparisonId).Distinct());
        await WaitForCopiesAsync();
        Assert.Equal(new[] { first.ComparisonId, racing[0].ComparisonId }.Order(), (await Stores.FeedbackIdsAsync()).Order());
        Assert.Equal(2, await Stores.OutboxCountAsync());
        Assert.Equal(2, (await Stack.FeedbackClient.GetStatsAsync(new GetStatsRequest(), Deadline())).Comparisons);
    }
}
