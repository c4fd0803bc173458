using Grpc.Health.V1;
using Attune.Contracts.Messages;
using Attune.Contracts.V1;
using Attune.Ml.Serialization;
using Grpc.Core;
using MassTransit;

namespace Attune.Adapter.Tests;

public sealed class AdapterServiceTests(ModelAdapterFixture adapter) : IClassFixture<ModelAdapterFixture>
{
    private static readonly Attune.Ml.Models.PrefModel Model = ModelFile.Read(new MemoryStream(TestModels.First));

    private static string User() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<Guid> PublishAnswerAsync(string user, string prompt, string a, string b, double preference, Guid? id = null)
    {
        var comparisonId = id ?? Guid.CreateVersion7();
        await adapter.Bus.Bus.Publish(
            new FeedbackRecorded
            {
                ComparisonId = comparisonId, UserId = user, Prompt = prompt, ResponseA = a, ResponseB = b, Preference = preference,
                RecordedAt = DateTimeOffset.UtcNow,
            },
            c => c.MessageId = comparisonId,
            TestContext.Current.CancellationToken);
        return comparisonId;
    }

    private async Task<Profile> ProfileAsync(string user) =>
        (await adapter.Client.GetProfileAsync(new GetProfileRequest { UserId = user })).Profile;

    private Task WaitForAnswersAsync(string user, int answers) =>
        Eventually.ThatAsync(async () => (await ProfileAsync(user)).Answers == answers, $"{user} has {answers} answers");

    private async Task<double> FormalMinusCasualAsync(string user, int topic)
    {
        var reply = await adapter.Client.ScoreAsync(new ScoreRequest
        {
            UserId = user, Prompt = Texts.Prompt(topic), Responses = { Texts.Formal(topic), Texts.Casual(topic) },
        });
        return reply.Scores[0].Reward - reply.Scores[1].Reward;
    }

    [Fact]
    public async Task GetProfile_unknownUser_coldStartWithPopulationPrior()
    {
        var profile = await ProfileAsync(User());

        Assert.True(profile.ColdStart);
        Assert.Equal(0, profile.Answers);
        Assert.Equal(1, profile.ModelVersion);
        Assert.Equal(Model.Prior.Mean.ToArray(), profile.Weights.Mean);
        Assert.Equal(Model.Prior.Covariance.ToArray(), profile.Weights.Covariance);
        if (Model.Clusters is not null)
        {
            Assert.InRange(profile.Cluster.Cluster, 0, Model.Clusters.Count - 1);
            Assert.InRange(profile.Cluster.Similarity, -1.0001, 1.0001);
        }
    }

    [Fact]
    public async Task Score_coldStart_rewardIsThePopulationRewardWithUncertainty()
    {
        var reply = await adapter.Client.ScoreAsync(new ScoreRequest
        {
            UserId = User(), Prompt = Texts.Prompt(0), Responses = { Texts.Formal(0), Texts.Casual(0) },
        });

        Assert.Equal(1, reply.ModelVersion);
        Assert.Equal([0, 1], reply.Scores.Select(s => s.Index));
        Assert.All(reply.Scores, s =>
        {
            Assert.Equal(s.PopulationReward, s.Reward, 9);
            Assert.True(s.StdDev > 0);
        });
    }

    [Fact]
    public async Task FeedbackRecorded_userKeepsPreferringFormal_scoresFormalAboveCasualAfterwards()
    {
        var user = User();
        const int heldOut = 11;
        var before = await FormalMinusCasualAsync(user, heldOut);

        for (int i = 0; i < 8; i++)
        {
            // Alternate the order so that only the style, not the position, explains the answers.
            if (i % 2 == 0)
            {
                await PublishAnswerAsync(user, Texts.Prompt(i), Texts.Formal(i), Texts.Casual(i), 1);
            }
            else
            {
                await PublishAnswerAsync(user, Texts.Prompt(i), Texts.Casual(i), Texts.Formal(i), 0);
            }
        }

        await WaitForAnswersAsync(user, 8);
        var after = await FormalMinusCasualAsync(user, heldOut);
        var profile = await ProfileAsync(user);
        var compare = await adapter.Client.CompareAsync(new CompareRequest
        {
            UserId = user, Prompt = Texts.Prompt(heldOut), ResponseA = Texts.Formal(heldOut), ResponseB = Texts.Casual(heldOut),
        });

        Assert.False(profile.ColdStart);
        Assert.NotEqual(Model.Prior.Mean.ToArray(), profile.Weights.Mean);
        Assert.True(after > 0, $"formal - casual reward after 8 formal answers: {after}");
        Assert.True(after > before, $"formal - casual: before {before}, after {after}");
        Assert.True(compare.Preference > 0.5, $"P(formal over casual) = {compare.Preference}");
        Assert.Equal(after, compare.Margin, 6);
        Assert.True(compare.MarginStdDev > 0);
    }

    [Fact]
    public async Task FeedbackRecorded_sameComparisonTwice_secondIsNoOp()
    {
        var user = User();
        var id = await PublishAnswerAsync(user, Texts.Prompt(0), Texts.Formal(0), Texts.Casual(0), 1);
        await WaitForAnswersAsync(user, 1);
        var first = await ProfileAsync(user);

        // A redelivery (same message id), then the same comparison under another message id; answers are consumed in
        // queue order, so once the second is consumed the first has been too.
        await PublishAnswerAsync(user, Texts.Prompt(0), Texts.Formal(0), Texts.Casual(0), 1, id);
        var other = Guid.CreateVersion7();
        await adapter.Bus.Bus.Publish(
            new FeedbackRecorded
            {
                ComparisonId = id, UserId = user, Prompt = Texts.Prompt(0), ResponseA = Texts.Formal(0), ResponseB = Texts.Casual(0),
                Preference = 1, RecordedAt = DateTimeOffset.UtcNow,
            },
            c => c.MessageId = other,
            TestContext.Current.CancellationToken);
        await Eventually.ThatAsync(
            () => Task.FromResult(adapter.Bus.Consumed.Select<FeedbackRecorded>(TestContext.Current.CancellationToken)
                .Any(m => m.Context.MessageId == other)),
            "the duplicates consumed");

        var second = await ProfileAsync(user);
        Assert.Equal(1, second.Answers);
        Assert.Equal(first.Weights.Mean, second.Weights.Mean);
    }

    [Fact]
    public async Task SubmitAnswer_valid_recordsThroughFeedbackUpdatesAtOnceAndItsEventIsNoOp()
    {
        var user = User();
        var reply = await adapter.Client.SubmitAnswerAsync(new SubmitAnswerRequest
        {
            UserId = user,
            Pair = new CandidatePair { Prompt = Texts.Prompt(2), ResponseA = Texts.Formal(2), ResponseB = Texts.Casual(2) },
            Preference = 1,
            ClientId = "answer-1",
        });

        Assert.Equal(1, reply.Profile.Answers);
        Assert.False(reply.Profile.ColdStart);
        Assert.Equal(user, reply.Profile.UserId);
        var recorded = Assert.Single(adapter.Peers.State.Recorded, c => c.UserId == user);
        Assert.Equal(reply.ComparisonId, recorded.ComparisonId);
        Assert.Equal("answer-1", recorded.ClientId);

        // The feedback service's event for the same comparison arrives later and changes nothing.
        await PublishAnswerAsync(user, Texts.Prompt(2), Texts.Formal(2), Texts.Casual(2), 1, Guid.Parse(reply.ComparisonId));
        await Eventually.ThatAsync(
            () => Task.FromResult(adapter.Bus.Consumed.Select<FeedbackRecorded>(TestContext.Current.CancellationToken)
                .Any(m => m.Context.Message.UserId == user)),
            "the event consumed");
        var after = await ProfileAsync(user);
        Assert.Equal(1, after.Answers);
        Assert.Equal(reply.Profile.Weights.Mean, after.Weights.Mean);
    }

    [Fact]
    public async Task SubmitAnswer_feedbackDown_unavailableAndNothingChanged()
    {
        var user = User();
        adapter.Peers.State.FeedbackDown = true;
        try
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => adapter.Client.SubmitAnswerAsync(new SubmitAnswerRequest
            {
                UserId = user,
                Pair = new CandidatePair { Prompt = Texts.Prompt(3), ResponseA = Texts.Formal(3), ResponseB = Texts.Casual(3) },
                Preference = 1,
            }).ResponseAsync);

            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        }
        finally
        {
            adapter.Peers.State.FeedbackDown = false;
        }

        var profile = await ProfileAsync(user);
        Assert.True(profile.ColdStart);
        Assert.Equal(0, profile.Answers);
    }

    [Fact]
    public async Task NextQuery_requestCandidates_picksOneOfThemWithItsScore()
    {
        var request = new NextQueryRequest { UserId = User() };
        for (int i = 0; i < 6; i++)
        {
            request.Candidates.Add(new CandidatePair
            {
                PairId = $"p{i}", Prompt = Texts.Prompt(i), ResponseA = Texts.Formal(i), ResponseB = Texts.Casual(i),
            });
        }

        var uncertainty = await adapter.Client.NextQueryAsync(request);
        request.Strategy = "information_gain";
        var gain = await adapter.Client.NextQueryAsync(request);
        request.Strategy = "random";
        request.Seed = 5;
        var random1 = await adapter.Client.NextQueryAsync(request);
        var random2 = await adapter.Client.NextQueryAsync(request);

        var ids = request.Candidates.Select(c => c.PairId).ToList();
        Assert.Contains(uncertainty.Pair.PairId, ids);
        Assert.True(uncertainty.Score > 0);
        Assert.InRange(uncertainty.PredictedPreference, 0.0, 1.0);
        var chosen = request.Candidates.Single(c => c.PairId == uncertainty.Pair.PairId);
        Assert.Equal(chosen.ResponseA, uncertainty.Pair.ResponseA);
        Assert.Contains(gain.Pair.PairId, ids);
        Assert.True(gain.Score > 0);
        Assert.Equal(random1.Pair.PairId, random2.Pair.PairId);
    }

    [Fact]
    public async Task NextQuery_noCandidates_picksFromThePoolSkippingAnsweredPairs()
    {
        var user = User();
        var other = User();
        await PublishAnswerAsync(user, Texts.Prompt(4), Texts.Formal(4), Texts.Casual(4), 1);
        await PublishAnswerAsync(other, Texts.Prompt(5), Texts.Formal(5), Texts.Casual(5), 1);
        await WaitForAnswersAsync(user, 1);
        await WaitForAnswersAsync(other, 1);
        var published = adapter.Bus.Published.Select<FeedbackRecorded>(TestContext.Current.CancellationToken)
            .Select(m => Key(m.Context.Message.Prompt, m.Context.Message.ResponseA, m.Context.Message.ResponseB))
            .Concat(adapter.Peers.State.Recorded.Select(m => Key(m.Prompt, m.ResponseA, m.ResponseB)))
            .ToHashSet();
        var answered = Key(Texts.Prompt(4), Texts.Formal(4), Texts.Casual(4));

        for (int seed = 0; seed < 10; seed++)
        {
            var reply = await adapter.Client.NextQueryAsync(new NextQueryRequest { UserId = user, Strategy = seed == 0 ? "" : "random", Seed = seed });

            var key = Key(reply.Pair.Prompt, reply.Pair.ResponseA, reply.Pair.ResponseB);
            Assert.Contains(key, published);
            Assert.NotEqual(answered, key);
        }
    }

    private static (string, string, string) Key(string prompt, string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? (prompt, a, b) : (prompt, b, a);

    [Fact]
    public async Task UserErased_userWithAnswers_backToColdStart()
    {
        var user = User();
        await PublishAnswerAsync(user, Texts.Prompt(6), Texts.Formal(6), Texts.Casual(6), 1);
        await PublishAnswerAsync(user, Texts.Prompt(7), Texts.Formal(7), Texts.Casual(7), 1);
        await WaitForAnswersAsync(user, 2);

        await adapter.Bus.Bus.Publish(
            new UserErased { UserId = user, ErasureId = Guid.CreateVersion7(), ErasedAt = DateTimeOffset.UtcNow },
            TestContext.Current.CancellationToken);

        await Eventually.ThatAsync(async () => (await ProfileAsync(user)).ColdStart, $"{user} erased");
        var profile = await ProfileAsync(user);
        Assert.Equal(0, profile.Answers);
        Assert.Equal(Model.Prior.Mean.ToArray(), profile.Weights.Mean);
    }

    [Fact]
    public async Task Health_modelInForce_adapterServiceServing()
    {
        var reply = await new Health.HealthClient(adapter.Channel).CheckAsync(
            new HealthCheckRequest { Service = AdapterService.Descriptor.FullName });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
