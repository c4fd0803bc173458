using Attune.Storage;

namespace Attune.Storage.Tests.Infrastructure;

/// <summary>Test data builders.</summary>
public static class Sample
{
    public static readonly DateTimeOffset When = new(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    public static NewComparison Comparison(
        string user = "alice", string? clientId = null, string prompt = "p", string a = "a", string b = "b", double preference = 1) =>
        new(Guid.NewGuid(), clientId, user, prompt, a, b, preference, When);

    public static OutboxEntry Outbox(string type = "FeedbackRecorded") =>
        new(Guid.NewGuid(), type, $$"""{"type":"{{type}}","n":1}""");

    public static (NewComparison, OutboxEntry) Item(string user = "alice", string? clientId = null, string prompt = "p") =>
        (Comparison(user, clientId, prompt), Outbox());

    public static TrainingComparison Training(string user = "alice", string prompt = "p", double preference = 1) =>
        new(Guid.NewGuid(), user, prompt, "a", "b", preference, When);

    public static InboxReceipt Receipt(string consumer = "test.consumer") => new(consumer, Guid.NewGuid());
}
