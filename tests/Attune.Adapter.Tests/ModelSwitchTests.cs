using Attune.Contracts.Messages;
using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Adapter.Tests;

public sealed class ModelSwitchTests(ModelAdapterFixture adapter) : IClassFixture<ModelAdapterFixture>
{
    [Fact]
    public async Task ModelPromoted_newVersionThenRollback_refitsEveryUserSwitchesAndRestoresTheFirstModelsScoresExactly()
    {
        var user = "switch-" + Guid.NewGuid().ToString("N")[..8];
        for (int i = 0; i < 3; i++)
        {
            var id = Guid.CreateVersion7();
            await adapter.Bus.Bus.Publish(
                new FeedbackRecorded
                {
                    ComparisonId = id, UserId = user, Prompt = Texts.Prompt(i), ResponseA = Texts.Formal(i), ResponseB = Texts.Casual(i),
                    Preference = 1, RecordedAt = DateTimeOffset.UtcNow,
                },
                c => c.MessageId = id,
                TestContext.Current.CancellationToken);
        }

        await Eventually.ThatAsync(async () => (await adapter.TryGetProfileAsync(user))?.Answers == 3, "3 answers under model 1");
        var underFirst = (await adapter.TryGetProfileAsync(user))!;
        var scoreRequest = new ScoreRequest { UserId = user, Prompt = Texts.Prompt(0), Responses = { Texts.Formal(0), Texts.Casual(0) } };
        var firstScores = await adapter.Client.ScoreAsync(scoreRequest);
        var downloads = adapter.Peers.State.Downloads;
        adapter.Peers.State.Models[2] = TestModels.Second;

        // A trained model that is not promoted changes nothing.
        await adapter.Bus.Bus.Publish(
            new ModelTrained { ModelVersion = 2, K = TestModels.FirstRank - 1, JobId = "job-2", TrainedAt = DateTimeOffset.UtcNow },
            TestContext.Current.CancellationToken);
        await adapter.Bus.Bus.Publish(Promoted(2, promotion: 2), TestContext.Current.CancellationToken);

        // Readers polling throughout the switch must see model 1 with K weights or model 2 with K - 1, never a mix.
        using var stop = new CancellationTokenSource();
        var readers = Task.Run(async () =>
        {
            var seen = new List<(long Version, int K)>();
            while (!stop.IsCancellationRequested)
            {
                var p = (await adapter.TryGetProfileAsync(user))!;
                seen.Add((p.ModelVersion, p.Weights.Mean.Count));
            }

            return seen;
        }, TestContext.Current.CancellationToken);
        await Eventually.ThatAsync(async () => (await adapter.TryGetProfileAsync(user))?.ModelVersion == 2, "model 2 in force");
        await stop.CancelAsync();
        Assert.All(await readers, r => Assert.Equal(r.Version == 1 ? TestModels.FirstRank : TestModels.FirstRank - 1, r.K));
        var profile = (await adapter.TryGetProfileAsync(user))!;
        Assert.Equal(TestModels.FirstRank - 1, profile.Weights.Mean.Count);
        Assert.Equal(3, profile.Answers);
        Assert.False(profile.ColdStart);
        Assert.True(adapter.Peers.State.Downloads > downloads);
        var score = await adapter.Client.ScoreAsync(new ScoreRequest { UserId = user, Prompt = Texts.Prompt(0), Responses = { Texts.Formal(0) } });
        Assert.Equal(2, score.ModelVersion);

        // The same promotion again changes nothing.
        await adapter.Bus.Bus.Publish(Promoted(2, promotion: 2), TestContext.Current.CancellationToken);
        Assert.Equal(2, (await adapter.TryGetProfileAsync(user))!.ModelVersion);

        // A rollback puts model 1 back: the user refitted from the same answers, the same weights and scores exactly.
        await adapter.Bus.Bus.Publish(Promoted(1, promotion: 3, kind: "rollback"), TestContext.Current.CancellationToken);
        await Eventually.ThatAsync(async () => (await adapter.TryGetProfileAsync(user))?.ModelVersion == 1, "model 1 back in force");
        var rolledBack = (await adapter.TryGetProfileAsync(user))!;
        Assert.Equal(underFirst.Weights.Mean, rolledBack.Weights.Mean);
        Assert.Equal(underFirst.Weights.Covariance, rolledBack.Weights.Covariance);
        var backScores = await adapter.Client.ScoreAsync(scoreRequest);
        Assert.Equal(firstScores.Scores.Select(x => x.Reward), backScores.Scores.Select(x => x.Reward));

        // An older promotion arriving late is ignored; promoting 2 again switches back.
        await adapter.Bus.Bus.Publish(Promoted(2, promotion: 2), TestContext.Current.CancellationToken);
        await adapter.Bus.Bus.Publish(Promoted(2, promotion: 4), TestContext.Current.CancellationToken);
        await Eventually.ThatAsync(async () => (await adapter.TryGetProfileAsync(user))?.ModelVersion == 2, "model 2 in force again");
        Assert.Equal(profile.Weights.Mean, (await adapter.TryGetProfileAsync(user))!.Weights.Mean);

        // A restart with the trainer gone serves the adapter's own copy of model 2 and the stored weights.
        await using var restarted = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b
                .UseSetting("Attune:DataDir", adapter.DataDir)
                .UseSetting("Services:Trainer", "http://127.0.0.1:9")
                .UseSetting("Services:Feedback", "http://127.0.0.1:9")
                .UseSetting("urls", "http://127.0.0.1:0")
                .ConfigureServices(services => services.AddMassTransitTestHarness()));
        restarted.UseKestrel();
        restarted.StartServer();
        var address = restarted.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var channel = GrpcChannel.ForAddress(address);
        var again = (await new AdapterService.AdapterServiceClient(channel).GetProfileAsync(new GetProfileRequest { UserId = user })).Profile;
        Assert.Equal(2, again.ModelVersion);
        Assert.Equal(profile.Weights.Mean, again.Weights.Mean);

        // Its feedback service is not listening either: UNAVAILABLE, and the profile is unchanged.
        var e = await Assert.ThrowsAsync<RpcException>(() => new AdapterService.AdapterServiceClient(channel).SubmitAnswerAsync(new SubmitAnswerRequest
        {
            UserId = user,
            Pair = new CandidatePair { Prompt = Texts.Prompt(9), ResponseA = Texts.Formal(9), ResponseB = Texts.Casual(9) },
            Preference = 1,
        }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(3, (await new AdapterService.AdapterServiceClient(channel).GetProfileAsync(new GetProfileRequest { UserId = user })).Profile.Answers);
    }

    private static ModelPromoted Promoted(long version, long promotion, string kind = "promote") =>
        new() { ModelVersion = version, Promotion = promotion, Kind = kind, PromotedAt = DateTimeOffset.UtcNow };
}
