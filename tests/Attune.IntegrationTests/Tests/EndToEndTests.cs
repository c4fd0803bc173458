using Attune.Contracts.V1;
using Attune.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace Attune.IntegrationTests.Tests;

/// <summary>
/// Issue 4, end to end: comparisons recorded over gRPC past the trainer's threshold train a model by themselves (nobody
/// calls StartTraining), ModelTrained reaches the adapter over RabbitMQ, and profiles change as the users' tastes say.
/// </summary>
public sealed class EndToEndTests : StackTest
{
    /// <summary>
    /// Only the count condition, 480 new comparisons (all of them before the first model): the first 480 comparisons
    /// start exactly one training, on all of them, and the 12 answers plus 468 comparisons after it exactly one more, on
    /// everything, wherever the debounce happens to fall; so both models see the same data in every run.
    /// </summary>
    protected override IReadOnlyDictionary<string, string> TrainerSettings => RetrainEvery480;

    private static readonly int[] ProbePrompts = [0, 1, 2];

    /// <summary>
    /// 480 comparisons (every other one of 24 users x 40) reach the 480 threshold: model 1, trained by itself, in
    /// force in the adapter, where a formal user scores formal responses higher and a casual user casual ones. A newcomer
    /// who prefers formal answers answers 12 questions through the adapter and moves from the prior towards formal. With
    /// 468 of the other comparisons the threshold is reached again: model 2 is trained by itself and judged by the gate
    /// (its verdict stored with it); the adapter serves whichever model the registry has in force, under which the
    /// newcomer still prefers formal.
    /// </summary>
    [Fact]
    public async Task FeedbackPastTheThreshold_retrainsByItself_adapterSwitchesAndProfilesFollowTheirTaste()
    {
        var population = StylesPopulation.Load(seed: 7, comparisonsPerUser: 40, prompts: 8);
        var first = population.Comparisons.Where((_, i) => i % 2 == 0).ToList();
        var second = population.Comparisons.Where((_, i) => i % 2 == 1).Take(480 - 12).ToList();
        Assert.Equal(480, first.Count);
        const string newcomer = "newcomer-formal";

        await RecordAsync(first);
        await WaitForModelInAdapterAsync(1);

        Assert.Equal([1L], await Stores.ModelVersionsAsync());
        Assert.All(await Stores.JobsAsync(), j => Assert.Equal(("succeeded", "threshold"), j));
        foreach (var prompt in ProbePrompts)
        {
            Assert.True(await FormalMarginAsync(population.FormalUser, prompt) > 0, $"formal user, prompt {prompt}: formal not preferred under model 1");
            Assert.True(await FormalMarginAsync(population.CasualUser, prompt) < 0, $"casual user, prompt {prompt}: casual not preferred under model 1");
        }

        var cold = (await Stack.AdapterClient.GetProfileAsync(new GetProfileRequest { UserId = newcomer }, Deadline())).Profile;
        var priorMargin = await FormalMarginAsync(newcomer, ProbePrompts[0]);
        SubmitAnswerReply? last = null;
        foreach (var (pair, preference) in population.FormalAnswers(12))
        {
            last = await Stack.AdapterClient.SubmitAnswerAsync(
                new SubmitAnswerRequest { UserId = newcomer, Pair = pair, Preference = preference }, Deadline());
        }

        Assert.True(cold.ColdStart);
        Assert.Equal(12, last!.Profile.Answers);
        Assert.False(last.Profile.ColdStart);
        var learnedMargin = await FormalMarginAsync(newcomer, ProbePrompts[0]);
        Assert.True(learnedMargin > priorMargin, $"newcomer's formal margin {learnedMargin} did not grow from the prior's {priorMargin}");
        Assert.True(learnedMargin > 0, $"newcomer's formal margin {learnedMargin} under model 1");

        await RecordAsync(second);
        ModelSummary? judged = null;
        await Eventually.ThatAsync(async () =>
        {
            var models = (await Stack.TrainerClient.ListModelsAsync(new ListModelsRequest(), Deadline())).Models;
            judged = models.FirstOrDefault(m => m.Version == 2 && m.State is ModelState.Active or ModelState.Rejected);
            return judged is not null;
        }, "model 2 trained and judged by the gate");
        var model2 = judged!;
        TestContext.Current.TestOutputHelper?.WriteLine($"model 2: {model2.State}: {model2.StateReason}");
        Assert.Equal(model2.State == ModelState.Active, model2.Gate.Passed);
        Assert.Equal(1, model2.Gate.AgainstVersion);
        Assert.True(model2.Gate.Users > 0 && model2.Gate.Comparisons > 0);
        var inForce = (await Stack.TrainerClient.GetModelAsync(new GetModelRequest(), Deadline())).Summary.Version;
        Assert.Equal(model2.State == ModelState.Active ? 2 : 1, inForce);
        await WaitForModelInAdapterAsync(inForce);

        Assert.Equal([1L, 2L], await Stores.ModelVersionsAsync());
        Assert.All(await Stores.JobsAsync(), j => Assert.Equal(("succeeded", "threshold"), j));
        var profile = (await Stack.AdapterClient.GetProfileAsync(new GetProfileRequest { UserId = newcomer }, Deadline())).Profile;
        Assert.Equal(12, profile.Answers);
        foreach (var prompt in ProbePrompts)
        {
            Assert.True(await FormalMarginAsync(newcomer, prompt) > 0, $"newcomer, prompt {prompt}: formal not preferred after the retrain");
            Assert.True(await FormalMarginAsync(population.FormalUser, prompt) > 0, $"formal user, prompt {prompt}: formal not preferred under model {inForce}");
        }

        await WaitForCopiesAsync();
        Assert.Equal(first.Count + second.Count + 12, (await Stores.FeedbackIdsAsync()).Count);
    }

    /// <summary>r_u(formal) - r_u(casual) for the probe of <paramref name="promptIndex"/>.</summary>
    private async Task<double> FormalMarginAsync(string user, int promptIndex)
    {
        var (prompt, formal, casual) = StylesPopulation.FormalityProbe(promptIndex);
        var reply = await Stack.AdapterClient.ScoreAsync(
            new ScoreRequest { UserId = user, Prompt = prompt, Responses = { formal, casual } }, Deadline());
        var margin = reply.Scores.Single(s => s.Index == 0).Reward - reply.Scores.Single(s => s.Index == 1).Reward;
        TestContext.Current.TestOutputHelper?.WriteLine($"model {reply.ModelVersion}, {user}, prompt {promptIndex}: r(formal) - r(casual) = {margin:F3}");
        return margin;
    }
}
