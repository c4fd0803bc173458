using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace Attune.IntegrationTests.Tests;

/// <summary>
/// Issue 11's junk scenario as a client would cause it, through the gateway with an API key, against the real services
/// on RabbitMQ and PostgreSQL: a model trained by itself on a styles population, a newcomer's profile made on it, then 500
/// junk comparisons ("a" vs "b", one user) past the retraining threshold. The retrain happens by itself and the gate
/// rejects the candidate; the model in force, the adapter's model and every profile stay exactly as they were.
/// </summary>
public sealed class JunkFeedbackTests : StackTest
{
    protected override bool WithGateway => true;

    protected override IReadOnlyDictionary<string, string> TrainerSettings => RetrainEvery480;

    [Fact]
    public async Task JunkThroughTheGateway_retrainRejectedByTheGate_modelAndProfilesUnchanged()
    {
        var population = StylesPopulation.Load(seed: 7, comparisonsPerUser: 20, prompts: 8);
        Assert.Equal(480, population.Comparisons.Count);
        var feedback = new FeedbackService.FeedbackServiceClient(Stack.GatewayChannel);
        var adapter = new AdapterService.AdapterServiceClient(Stack.GatewayChannel);
        var trainer = new TrainerService.TrainerServiceClient(Stack.GatewayChannel);

        await Parallel.ForEachAsync(population.Comparisons, Concurrency(), async (c, _) =>
            await feedback.RecordComparisonAsync(StylesPopulation.Request(c), Keyed()));
        await WaitForModelInAdapterAsync(1);

        const string newcomer = "newcomer-formal";
        foreach (var (pair, preference) in population.FormalAnswers(12))
        {
            await adapter.SubmitAnswerAsync(new SubmitAnswerRequest { UserId = newcomer, Pair = pair, Preference = preference }, Keyed());
        }

        string[] users = [newcomer, population.FormalUser, population.CasualUser, "never-answered"];
        var profilesBefore = await ProfilesAsync(adapter, users);
        var scoresBefore = await ScoresAsync(adapter, users);

        // 500 junk comparisons, recorded (ingest accepts them: the two texts differ) and past the threshold by themselves.
        var junk = Enumerable.Range(0, 500).Select(_ => new RecordComparisonRequest
        {
            Comparison = new Comparison { UserId = "junk-user", Prompt = "p", ResponseA = "a", ResponseB = "b", Preference = 1.0 },
        });
        await Parallel.ForEachAsync(junk, Concurrency(), async (r, _) => await feedback.RecordComparisonAsync(r, Keyed()));

        ModelSummary? judged = null;
        await Eventually.ThatAsync(async () =>
        {
            var models = (await trainer.ListModelsAsync(new ListModelsRequest(), Keyed())).Models;
            judged = models.FirstOrDefault(m => m.Version == 2 && m.State is not ModelState.Candidate);
            return judged is not null;
        }, "the junk retrain judged by the gate", diagnostics: () => Stack.Logs);
        TestContext.Current.TestOutputHelper?.WriteLine($"model 2: {judged!.State}: {judged.StateReason}");

        Assert.Equal(ModelState.Rejected, judged!.State);
        Assert.False(judged.Gate.Passed);
        Assert.Equal(1, judged.Gate.AgainstVersion);
        Assert.Equal(1, (await trainer.GetModelAsync(new GetModelRequest(), Keyed())).Summary.Version);
        Assert.All(await Stores.JobsAsync(), j => Assert.Equal(("succeeded", "threshold"), j));
        await WaitForCopiesAsync();
        Assert.Equal(1, await AdapterModelAsync());
        var profilesAfter = await ProfilesAsync(adapter, users);
        var scoresAfter = await ScoresAsync(adapter, users);
        foreach (var user in users)
        {
            Assert.Equal(profilesBefore[user], profilesAfter[user]);
            Assert.Equal(scoresBefore[user], scoresAfter[user]);
        }

        Assert.Equal(12, profilesAfter[newcomer].Answers);
        Assert.Equal(1, profilesAfter[newcomer].ModelVersion);
    }

    private static ParallelOptions Concurrency() =>
        new() { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken };

    private CallOptions Keyed() => new(
        headers: new Metadata { { "x-api-key", Stack.GatewayKey } },
        deadline: DateTime.UtcNow + TimeSpan.FromSeconds(30),
        cancellationToken: TestContext.Current.CancellationToken);

    private async Task<Dictionary<string, Profile>> ProfilesAsync(AdapterService.AdapterServiceClient adapter, string[] users)
    {
        var profiles = new Dictionary<string, Profile>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            profiles[user] = (await adapter.GetProfileAsync(new GetProfileRequest { UserId = user }, Keyed())).Profile;
        }

        return profiles;
    }

    /// <summary>Each user's rewards of the formality probes (three prompts, formal and casual).</summary>
    private async Task<Dictionary<string, double[]>> ScoresAsync(AdapterService.AdapterServiceClient adapter, string[] users)
    {
        var scores = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var rewards = new List<double>();
            foreach (var promptIndex in new[] { 0, 1, 2 })
            {
                var (prompt, formal, casual) = StylesPopulation.FormalityProbe(promptIndex);
                var reply = await adapter.ScoreAsync(new ScoreRequest { UserId = user, Prompt = prompt, Responses = { formal, casual } }, Keyed());
                Assert.Equal(1, reply.ModelVersion);
                rewards.AddRange(reply.Scores.OrderBy(s => s.Index).Select(s => s.Reward));
            }

            scores[user] = [.. rewards];
        }

        return scores;
    }
}
