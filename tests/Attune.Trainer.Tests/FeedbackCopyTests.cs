using Attune.Contracts.Messages;
using Attune.Storage;
using Attune.Trainer.Domain;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

public sealed class FeedbackCopyTests(EmptyTrainerFixture trainer) : IClassFixture<EmptyTrainerFixture>
{
    private readonly ITrainingDataStore _store = trainer.Services.GetRequiredService<ITrainingDataStore>();

    private static FeedbackRecorded Feedback(string user, double preference = 1) => new()
    {
        ComparisonId = Guid.CreateVersion7(),
        UserId = user,
        Prompt = "How do I boil an egg?",
        ResponseA = "Place the egg in boiling water for nine minutes.",
        ResponseB = "Eggs are great!",
        Preference = preference,
        RecordedAt = DateTimeOffset.UtcNow,
    };

    private static string User() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<List<TrainingComparison>> StoredOf(string user)
    {
        var rows = new List<TrainingComparison>();
        await foreach (var c in _store.ReadAllAsync(0, TestContext.Current.CancellationToken))
        {
            if (c.UserId == user)
            {
                rows.Add(c);
            }
        }

        return rows;
    }

    private Task Publish<T>(T message, Guid messageId) where T : class =>
        trainer.Bus.Bus.Publish(message, ctx => ctx.MessageId = messageId, TestContext.Current.CancellationToken);

    [Fact]
    public async Task FeedbackRecorded_redelivered_changesNothing()
    {
        var user = User();
        var message = Feedback(user);
        var ingest = trainer.Services.GetRequiredService<TrainingDataIngest>();
        var ct = TestContext.Current.CancellationToken;

        await Publish(message, message.ComparisonId);
        Assert.True(await trainer.Bus.EventuallyConsumed<FeedbackRecorded>(m => m.Message.UserId == user));
        var redelivered = await ingest.RecordAsync(message with { Preference = 0 }, message.ComparisonId, ct);

        Assert.False(redelivered);
        var stored = Assert.Single(await StoredOf(user));
        Assert.Equal(message.ComparisonId, stored.Id);
        Assert.Equal(1.0, stored.Preference);
    }

    [Fact]
    public async Task FeedbackRecorded_sameComparisonUnderAnotherMessageId_keepsOneRow()
    {
        var user = User();
        var message = Feedback(user);
        var ingest = trainer.Services.GetRequiredService<TrainingDataIngest>();
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await ingest.RecordAsync(message, Guid.NewGuid(), ct));
        Assert.True(await ingest.RecordAsync(message, Guid.NewGuid(), ct));

        var stored = Assert.Single(await StoredOf(user));
        Assert.Equal(message.ComparisonId, stored.Id);
    }

    [Fact]
    public async Task UserErased_afterFeedback_removesOnlyThatUsersTrainingData()
    {
        var (user, other) = (User(), User());
        foreach (var m in new[] { Feedback(user), Feedback(user, 0), Feedback(other) })
        {
            await Publish(m, m.ComparisonId);
        }

        Assert.True(await trainer.Bus.EventuallyConsumed<FeedbackRecorded>(m => m.Message.UserId == user || m.Message.UserId == other, count: 3));
        Assert.Equal(2, (await StoredOf(user)).Count);

        var erasure = new UserErased { UserId = user, ErasureId = Guid.CreateVersion7(), ErasedAt = DateTimeOffset.UtcNow };
        await Publish(erasure, erasure.ErasureId);

        Assert.True(await trainer.Bus.EventuallyConsumed<UserErased>(m => m.Message.UserId == user));
        Assert.Empty(await StoredOf(user));
        Assert.Single(await StoredOf(other));
    }

    [Fact]
    public async Task FeedbackRecorded_lateAfterErasure_doesNotBringTheUserBack()
    {
        var user = User();
        var late = Feedback(user) with { RecordedAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        var erasure = new UserErased { UserId = user, ErasureId = Guid.CreateVersion7(), ErasedAt = DateTimeOffset.UtcNow };

        await Publish(erasure, erasure.ErasureId);
        Assert.True(await trainer.Bus.EventuallyConsumed<UserErased>(m => m.Message.UserId == user));
        await Publish(late, late.ComparisonId);

        Assert.True(await trainer.Bus.EventuallyConsumed<FeedbackRecorded>(m => m.Message.UserId == user));
        Assert.Empty(await StoredOf(user));
    }
}
