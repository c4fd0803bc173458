using System.Diagnostics;
using Attune.Ml.Serialization;
using Attune.Ml.Training;
using Attune.Storage;
using Attune.Text;
using Attune.Trainer.Models;
using Attune.Trainer.Options;

namespace Attune.Trainer.Training;

/// <summary>
/// One training job from data to stored model: loads the feedback up to the current watermark, featurizes it with the
/// configured featurizer (<see cref="TrainerOptions.Featurizer"/>, in batches), trains the configured learner
/// (<see cref="TrainingLearner"/>: PReF, which also fits the prior, the clusters and the validation metrics, and for
/// <c>neural</c> the residual MLP from it), puts the basis in its readable form and names its functions
/// (<see cref="BasisLabels"/>), writes the model file and publishes it to <see cref="IModelStore"/> as a new immutable version.
/// Nothing is visible before that single publish, so a crash or cancellation earlier leaves the previous model in force.
/// The stored file holds no user's weights (<see cref="PublishedModel"/>); a model trained on the comparisons of a user
/// erased while the job ran is discarded instead.
/// </summary>
public sealed class TrainingRun(ITrainingDataStore data, IModelStore models, ErasureWatch erasures, TrainerOptions options)
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Runs the job; returns the stored model (a candidate in the registry), its metadata, the model itself and the
    /// split the gate scores it on.
    /// </summary>
    /// <exception cref="TrainingDataException">The feedback cannot be trained on; the message says why.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the job was ended elsewhere.</exception>
    public async Task<TrainedCandidate> RunAsync(
        JobReporter reporter, TrainingRequest request, CancellationToken cancellationToken)
    {
        reporter.Report("loading", 0.01);
        await FlushOrAbandonAsync(reporter, cancellationToken);
        using var erasedSinceLoad = erasures.Begin();
        var (rows, watermark) = await TrainingRows.LoadAsync(data, cancellationToken);
        var hygiene = TrainingHygiene.Apply(rows, options.Gate.HeldOutPercent, options.MaxUserShare);
        var featurizer = TrainerFeaturizers.Create(options);
        var set = await Task.Run(() => TrainingSetBuilder.BuildAsync(hygiene.Training, featurizer, options.IsNeural, cancellationToken), cancellationToken);
        CheckEnough(set, rows.Count);
        reporter.Report("loading", 0.10);
        await FlushOrAbandonAsync(reporter, cancellationToken);

        var trainerOptions = new PrefTrainingOptions
        {
            Rank = request.Rank,
            MaxRank = Math.Max(options.MaxAutoRank, request.Rank ?? 1),
            LambdaV = request.L2 ?? new PrefTrainingOptions().LambdaV,
            LambdaW = request.L2 ?? new PrefTrainingOptions().LambdaW,
            Seed = request.Seed,
            Featurizer = featurizer.Description,
        };
        var clock = Stopwatch.StartNew();
        var training = Task.Factory.StartNew(
            () => TrainingLearner.Train(trainerOptions, options, set!.Data, reporter, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (!training.IsCompleted)
        {
            await Task.WhenAny(training, Task.Delay(FlushInterval, cancellationToken));
            await FlushOrAbandonAsync(reporter, cancellationToken);
        }

        PrefTrainingResult result;
        Attune.Ml.Models.PrefModel model;
        try
        {
            (result, model) = await training;
        }
        catch (ArgumentException e)
        {
            throw new TrainingDataException(e.Message, e);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        reporter.Report("labelling", 0.88);
        var responses = hygiene.Training.SelectMany(c => new[] { new TextPair(c.Prompt, c.ResponseA), new TextPair(c.Prompt, c.ResponseB) });
        var trained = model;
        model = await Task.Run(() => BasisLabels.Label(trained, featurizer, responses, request.Seed), cancellationToken);
        reporter.Report("storing", 0.90);
        await FlushOrAbandonAsync(reporter, cancellationToken);
        using var file = new MemoryStream();
        // Without the training users' weights: an immutable version must hold nothing an erasure has to remove.
        ModelFile.Write(file, PublishedModel.WithoutUsers(model));
        var metadata = new ModelMetadata
        {
            K = model.Rank,
            Users = set!.Data.UserCount,
            Comparisons = set.Data.Count,
            Pairs = set.Pairs,
            Watermark = watermark,
            JobId = reporter.Current.JobId,
            Featurizer = featurizer.Description,
            TrainingSeconds = seconds,
            Iterations = result.Iterations,
            Initialization = result.InitializationReason is { } why ? $"{result.InitializationUsed}: {why}" : result.InitializationUsed.ToString(),
            Metrics = model.Metrics.ToDictionary(m => m.Key, m => m.Value),
            Dropped = hygiene.Dropped.ToDictionary(),
        };
        if (erasedSinceLoad.AnyErased(model.UserIds))
        {
            throw new TrainingDataException(
                "A user in the training set was erased while the job ran; the model was discarded so that it holds no " +
                "erased user's weights. Train again.");
        }

        var info = await models.PublishAsync(file.ToArray(), metadata.ToJson(), cancellationToken);
        return new TrainedCandidate(info.Version, metadata, model, hygiene);
    }

    private void CheckEnough(TrainingSet? set, int loaded)
    {
        var usable = set?.Data.Count ?? 0;
        var users = set?.Data.UserCount ?? 0;
        if (usable < options.MinComparisons || users < options.MinUsers)
        {
            throw new TrainingDataException(
                $"Too little usable feedback: {usable} comparisons from {users} users (of {loaded} loaded; the held-out " +
                $"slice, exact repeats and identical or indistinguishable responses are set aside); at least {options.MinComparisons} comparisons from " +
                $"{options.MinUsers} users are needed (Trainer:MinComparisons, Trainer:MinUsers).");
        }
    }

    private static async Task FlushOrAbandonAsync(JobReporter reporter, CancellationToken cancellationToken)
    {
        if (!await reporter.FlushAsync(cancellationToken))
        {
            throw new OperationCanceledException($"Training job {reporter.Current.JobId} was ended elsewhere; abandoning it.");
        }
    }
}

/// <summary>A trained model just stored as a candidate, with what the gate needs to judge it.</summary>
/// <param name="Version">Its version.</param>
/// <param name="Metadata">Its metadata, as stored.</param>
/// <param name="Model">The model (with its training users' weights, which the stored file does not hold).</param>
/// <param name="Split">The training and held-out comparisons, and what hygiene dropped.</param>
public sealed record TrainedCandidate(long Version, ModelMetadata Metadata, Attune.Ml.Models.PrefModel Model, TrainingHygiene Split);
