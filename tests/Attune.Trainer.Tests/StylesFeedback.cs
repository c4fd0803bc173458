using Attune.Contracts.Messages;
using Attune.Data;

namespace Attune.Trainer.Tests;

/// <summary>
/// Training feedback from the <c>styles</c> world, small enough to train in a second or two: 12 users, 5 prompts (so
/// each pair of the pool is judged by several users), 40 comparisons each.
/// </summary>
public static class StylesFeedback
{
    public static IReadOnlyList<FeedbackRecorded> Load(int users = 12, int comparisonsPerUser = 40, int prompts = 5, int seed = 0)
    {
        var dataset = DatasetCatalog.Load("styles", new DatasetOptions
        {
            Seed = seed, Users = users, ComparisonsPerUser = comparisonsPerUser, Prompts = prompts,
        });
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return dataset.Comparisons.Select((c, i) =>
        {
            var id = new byte[16];
            random.NextBytes(id);
            return new FeedbackRecorded
            {
                ComparisonId = new Guid(id),
                UserId = c.UserId,
                Prompt = c.Prompt,
                ResponseA = c.ResponseA,
                ResponseB = c.ResponseB,
                Preference = c.Preference,
                RecordedAt = start.AddSeconds(i),
            };
        }).ToList();
    }
}
