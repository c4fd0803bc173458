using Attune.Contracts.V1;
using Attune.Data.Demo;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.Cli.Embedded;

/// <summary>
/// Seeds the embedded stack with the demo population: the 48 users of the demo world (two for each of 24 tastes: two
/// of four traits, detailed/concise, formal/casual, a list/prose, warm/matter-of-fact, each in one direction) judging its
/// answers (<see cref="DemoWorld"/>), recorded through the feedback service like any client's comparisons. The trainer's retraining threshold then trains the first model by itself, and the adapter
/// takes it up once the trainer's gate promotes it (ModelPromoted); <see cref="WaitForModelAsync"/> waits for both.
/// </summary>
internal static class DemoPopulation
{
    /// <summary>Prefix of the demo comparisons' client ids: seeding twice stores nothing new.</summary>
    public const string ClientIdPrefix = "demo-world-";

    /// <summary>Simulated users of the demo population (2 per taste).</summary>
    public const int Users = 48;

    /// <summary>The demo world: 40 prompts x 16 answers, 12 pooled pairs per prompt, 48 users.</summary>
    public static DemoOptions World(int comparisonsPerUser) =>
        new(Seed: 0, Prompts: 40, PairsPerPrompt: 12, ComparisonsPerUser: comparisonsPerUser, UsersPerTaste: Users / 24);

    /// <summary>Records the demo comparisons when the feedback store holds none; returns how many were stored (0 when none).</summary>
    public static async Task<long> SeedAsync(GrpcChannel feedback, int comparisonsPerUser, CancellationToken cancellationToken)
    {
        var client = new FeedbackService.FeedbackServiceClient(feedback);
        var stats = await client.GetStatsAsync(new GetStatsRequest(), new CallOptions(cancellationToken: cancellationToken));
        if (stats.Comparisons > 0)
        {
            return 0;
        }

        var world = DemoWorld.Generate(World(comparisonsPerUser));
        using var call = client.RecordComparisons(new CallOptions(cancellationToken: cancellationToken));
        var index = 0;
        foreach (var c in world.Comparisons)
        {
            await call.RequestStream.WriteAsync(new RecordComparisonRequest
            {
                Comparison = new Comparison
                {
                    ClientId = ClientIdPrefix + index++,
                    UserId = c.UserId,
                    Prompt = c.Prompt,
                    ResponseA = c.ResponseA,
                    ResponseB = c.ResponseB,
                    Preference = c.Preference,
                },
            });
        }

        await call.RequestStream.CompleteAsync();
        return (await call.ResponseAsync).Stored;
    }

    /// <summary>
    /// Waits until the adapter serves the trainer's newest model and, when <paramref name="seeded"/> comparisons were
    /// just recorded, until that model was trained on all of them; reports progress meanwhile and returns the model.
    /// The retraining threshold trains the first model on the part of the demo feedback that has reached the trainer
    /// when it fires; when a remainder too small to cross the threshold again is left out, one training is started once
    /// <paramref name="trainerHolds"/> shows the trainer holds it all, so the demo model does not depend on timing.
    /// </summary>
    public static async Task<ModelSummary> WaitForModelAsync(
        GrpcChannel trainer,
        GrpcChannel adapter,
        long seeded,
        Func<CancellationToken, Task<long>> trainerHolds,
        IProgress<string> progress,
        CancellationToken cancellationToken)
    {
        var trainerClient = new TrainerService.TrainerServiceClient(trainer);
        var adapterClient = new AdapterService.AdapterServiceClient(adapter);
        var options = new CallOptions(cancellationToken: cancellationToken);
        string? last = null;
        long? startedFrom = null;
        while (true)
        {
            var models = await trainerClient.ListModelsAsync(new ListModelsRequest { PageSize = 20 }, options);
            var newest = models.Models.Count > 0 ? models.Models[0] : null;
            var active = models.Models.FirstOrDefault(m => m.State == ModelState.Active);
            long served = 0;
            try
            {
                served = (await adapterClient.GetProfileAsync(new GetProfileRequest { UserId = "attune-up-probe" }, options)).Profile.ModelVersion;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
            }

            // A model covers the demo feedback when its training set and what it set aside (the gate's held-out slice,
            // repeats) add up to it; the gate then decides whether it or an earlier one is in force.
            var complete = newest is not null && newest.State != ModelState.Candidate
                && (Covered(newest) >= seeded || newest.Version > startedFrom);
            if (complete && active is not null && served == active.Version)
            {
                return active;
            }

            string state;
            if (newest is null)
            {
                state = "training the first model from the demo feedback";
            }
            else if (!complete)
            {
                state = newest.State == ModelState.Candidate
                    ? $"model {newest.Version} trained; the gate is judging it"
                    : $"model {newest.Version} trained on {Covered(newest)} of the {seeded} demo comparisons; training on all of them";
                if (newest.State != ModelState.Candidate && startedFrom is null && await trainerHolds(cancellationToken) >= seeded)
                {
                    try
                    {
                        await trainerClient.StartTrainingAsync(new StartTrainingRequest { Reason = "demo: all of the demo feedback" }, options);
                        startedFrom = newest.Version;
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
                    {
                        // A threshold job is running; it may cover the rest, else ask again when it ends.
                    }
                }
            }
            else
            {
                state = active is null
                    ? $"model {newest.Version} was not put in force ({newest.StateReason})"
                    : $"model {active.Version} is in force; the adapter is switching to it";
            }

            if (state != last)
            {
                progress.Report(state);
                last = state;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Comparisons a model trained on or set aside (held out for the gate, repeats, over a user's share).</summary>
    private static long Covered(ModelSummary model) => model.Comparisons + (model.Gate?.Dropped.Values.Sum() ?? 0);
}
