using System.Text.Json;
using Attune.Contracts.Messages;
using Attune.Ml.Models;
using Attune.Ml.Serialization;
using Attune.Storage;
using Attune.Trainer.Gate;
using Attune.Trainer.Options;
using Attune.Trainer.Training;

namespace Attune.Trainer.Models;

/// <summary>
/// The model lifecycle (docs/trainer.md, "Model lifecycle"): every trained model is a candidate; the gate scores it
/// against the model in force on the held-out slice and the registry promotes it (unless pinned) or rejects it, with the
/// gate's figures stored beside it. Operators promote (with force for a rejected model), pin and roll back. Every change
/// of the model in force queues ModelPromoted in the same transaction (the model store's outbox), which
/// <see cref="ModelOutboxDispatcher"/> publishes.
/// </summary>
public sealed partial class ModelRegistry(
    IModelStore models, ITrainingDataStore data, TrainerOptions options, ModelOutboxDispatcher dispatcher, TimeProvider clock,
    ILogger<ModelRegistry> logger)
{
    /// <summary>The bus message id of promotion number <paramref name="promotion"/>: stable, so a re-publish deduplicates.</summary>
    public static Guid MessageId(long promotion) => StableMessageId.From($"attune.trainer.ModelPromoted:{promotion}");

    /// <summary>
    /// Imports a model file: checks it, stores it without its training users' weights as a new candidate, and puts it
    /// through the gate on this trainer's held-out comparisons (or in force at once with <paramref name="force"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a model the services can use; the message says why.</exception>
    public async Task<long> ImportAsync(byte[] file, bool force, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        PrefModel model;
        try
        {
            using var stream = new MemoryStream(file, writable: false);
            model = ModelFile.Read(stream);
            var featurizer = Attune.Text.FeaturizerFactory.FromDescription(model.Featurizer);
            if (featurizer.Dimension != model.Dimension)
            {
                throw new InvalidDataException($"its featurizer '{model.Featurizer}' has dimension {featurizer.Dimension}, the model D = {model.Dimension}");
            }
        }
        catch (Exception e) when (e is ModelFileException or FormatException or InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"The file is not a model this deployment can use: {e.Message}", e);
        }

        using var published = new MemoryStream();
        ModelFile.Write(published, PublishedModel.WithoutUsers(model));
        var why = string.IsNullOrWhiteSpace(reason) ? "imported" : $"imported: {reason.Trim()}";
        var metadata = new ModelMetadata
        {
            K = model.Rank,
            Users = model.UserIds.Count,
            JobId = "import",
            Featurizer = model.Featurizer,
            Initialization = why,
            Metrics = model.Metrics.ToDictionary(m => m.Key, m => m.Value),
        };
        var info = await models.PublishAsync(published.ToArray(), metadata.ToJson(), cancellationToken);
        LogImported(info.Version, model.Rank, file.Length);
        if (force)
        {
            await ActivateAsync(info.Version, $"forced: {why}", forced: true, gateJson: null, cancellationToken);
            return info.Version;
        }

        var (rows, _) = await TrainingRows.LoadAsync(data, cancellationToken);
        var split = TrainingHygiene.Apply(rows, options.Gate.HeldOutPercent, options.MaxUserShare);
        await DecideAsync(new TrainedCandidate(info.Version, metadata, model, split), cancellationToken, requireNewData: false);
        return info.Version;
    }

    /// <summary>Runs the gate on a stored candidate and promotes, holds (pinned) or rejects it.</summary>
    /// <param name="candidate">The stored candidate and the split to judge it on.</param>
    /// <param name="cancellationToken">Cancels the decision.</param>
    /// <param name="requireNewData">Whether the candidate must have trained on more than the model in force (false for imports).</param>
    public async Task<GateResult> DecideAsync(TrainedCandidate candidate, CancellationToken cancellationToken, bool requireNewData = true)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var registry = await models.GetRegistryAsync(cancellationToken);
        (PrefModel, long)? active = null;
        long newComparisons = candidate.Metadata.Comparisons;
        if (registry.ActiveVersion is { } inForce && await models.GetAsync(inForce, cancellationToken) is { } stored)
        {
            using var stream = new MemoryStream(stored.Content, writable: false);
            active = (ModelFile.Read(stream), inForce);
            newComparisons = requireNewData
                ? candidate.Metadata.Comparisons - ModelMetadata.Parse(stored.Info.MetadataJson).Comparisons
                : long.MaxValue;
        }

        var gate = await Task.Run(() => ModelGate.Evaluate(
            candidate.Model, active, candidate.Split.Training, candidate.Split.HeldOut, options.Gate, candidate.Split.Dropped,
            newComparisons, cancellationToken), cancellationToken);
        if (!gate.Passed)
        {
            await models.SetStateAsync(candidate.Version, ModelState.Rejected, $"gate rejected: {gate.Verdict}", gate.ToJson(), cancellationToken);
            LogRejected(candidate.Version, gate.Verdict);
        }
        else if (registry.Pinned)
        {
            await models.SetStateAsync(candidate.Version, ModelState.Candidate,
                $"gate passed, held: the registry is pinned ({registry.PinReason}): {gate.Verdict}", gate.ToJson(), cancellationToken);
            LogHeld(candidate.Version, gate.Verdict);
        }
        else
        {
            await ActivateAsync(candidate.Version, $"gate passed: {gate.Verdict}", forced: false, gate.ToJson(), cancellationToken);
        }

        return gate;
    }

    /// <summary>Promotes a version by an operator's request.</summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    /// <exception cref="InvalidOperationException">The gate did not pass it and <paramref name="force"/> is false.</exception>
    public async Task<ModelActivation> PromoteAsync(long version, bool force, string reason, CancellationToken cancellationToken)
    {
        var state = await models.GetStateAsync(version, cancellationToken)
            ?? throw new KeyNotFoundException($"Model version {version} does not exist.");
        if (state.State == ModelState.Active)
        {
            var registry = await models.GetRegistryAsync(cancellationToken);
            return new ModelActivation(false, version, version, registry.Promotions);
        }

        var gatePassed = GateResult.Parse(state.GateJson)?.Passed ?? false;
        if (!force && state.State != ModelState.Retired && !gatePassed)
        {
            throw new InvalidOperationException(
                $"Model version {version} is {state.State.ToString().ToLowerInvariant()} ({state.Reason}); promote it with force to override the gate.");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "promoted by an operator" : reason.Trim();
        return await ActivateAsync(version, force && !gatePassed ? $"forced: {why}" : why, force && !gatePassed, null, cancellationToken);
    }

    /// <summary>Rolls back to the model in force before the current one.</summary>
    public async Task<ModelActivation> RollbackAsync(long? fromVersion, string reason, CancellationToken cancellationToken)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? "rolled back by an operator" : reason.Trim();
        var activation = await models.RollbackAsync(fromVersion, why, (v, p, n) => Announcement(v, p, n, "rollback"), cancellationToken);
        if (activation.Changed)
        {
            LogRolledBack(activation.PreviousVersion ?? 0, activation.ActiveVersion ?? 0);
            dispatcher.Notify();
        }

        return activation;
    }

    /// <summary>Pins or unpins.</summary>
    public async Task<ModelRegistrySnapshot> PinAsync(bool pinned, string reason, CancellationToken cancellationToken)
    {
        var registry = await models.SetPinnedAsync(pinned, string.IsNullOrWhiteSpace(reason) ? "pinned by an operator" : reason.Trim(), cancellationToken);
        LogPinned(pinned, registry.ActiveVersion ?? 0);
        return registry;
    }

    private async Task<ModelActivation> ActivateAsync(long version, string reason, bool forced, string? gateJson, CancellationToken cancellationToken)
    {
        var activation = await models.ActivateAsync(
            version, reason, forced, gateJson, (v, p, n) => Announcement(v, p, n, forced ? "forced" : "promote"), cancellationToken);
        if (activation.Changed)
        {
            LogPromoted(version, activation.PreviousVersion ?? 0, reason);
            dispatcher.Notify();
        }

        return activation;
    }

    private OutboxEntry Announcement(long version, long? previous, long promotion, string kind) => new(
        MessageId(promotion), nameof(ModelPromoted), JsonSerializer.Serialize(new ModelPromoted
        {
            ModelVersion = version,
            Promotion = promotion,
            PreviousVersion = previous,
            Kind = kind,
            PromotedAt = clock.GetUtcNow(),
        }));

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {Version} is in force (was {Previous}): {Reason}")]
    private partial void LogPromoted(long version, long previous, string reason);

    // A verdict, not a fault of the process: information, as a promotion is.
    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {Version} rejected by the gate: {Verdict}")]
    private partial void LogRejected(long version, string verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {Version} passed the gate and is held: the registry is pinned ({Verdict})")]
    private partial void LogHeld(long version, string verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported a model file ({Bytes} bytes, K = {K}) as version {Version}")]
    private partial void LogImported(long version, int k, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled back from model version {From} to {To}")]
    private partial void LogRolledBack(long from, long to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model registry pinned = {Pinned} (version {Version} in force)")]
    private partial void LogPinned(bool pinned, long version);
}
