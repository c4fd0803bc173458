using Attune.Contracts.V1;
using Grpc.Core;
using Attune.Storage;
using Attune.Trainer.Models;
using Attune.Trainer.Training;
using Google.Protobuf;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Trainer.Grpc;

/// <summary>attune.v1.TrainerService: validates requests and hands them to the orchestrator and the stores.</summary>
public sealed partial class TrainerGrpcService(
    TrainingOrchestrator orchestrator, ITrainingJobStore jobs, IModelStore models, ModelRegistry registry, TrainingJobTracker tracker)
    : TrainerService.TrainerServiceBase
{
    /// <summary>How often a watcher re-reads a job another process runs (this process's jobs wake watchers at once).</summary>
    private static readonly TimeSpan WatchPoll = TimeSpan.FromSeconds(1);


    public override async Task<StartTrainingReply> StartTraining(StartTrainingRequest request, ServerCallContext context)
    {
        var training = Validate(request);
        try
        {
            var job = await orchestrator.StartAsync(training, context.CancellationToken);
            return new StartTrainingReply { JobId = job.JobId };
        }
        catch (TrainingInProgressException e)
        {
            throw new RpcException(new Status(StatusCode.Aborted, e.Message));
        }
        catch (InsufficientFeedbackException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
    }

    public override async Task<GetTrainingJobReply> GetTrainingJob(GetTrainingJobRequest request, ServerCallContext context)
    {
        var job = await FindJobAsync(JobId(request.JobId), context.CancellationToken);
        return new GetTrainingJobReply { Job = MapToJob(job) };
    }

    public override async Task WatchTrainingJob(
        WatchTrainingJobRequest request, IServerStreamWriter<WatchTrainingJobReply> responses, ServerCallContext context)
    {
        var jobId = JobId(request.JobId);
        var ct = context.CancellationToken;
        var job = await FindJobAsync(jobId, ct);
        Contracts.V1.TrainingJob? sent = null;
        while (true)
        {
            var changed = tracker.Changed;
            job = tracker.Find(jobId) ?? await jobs.GetAsync(jobId, ct) ?? job;
            var message = MapToJob(job);
            if (!message.Equals(sent))
            {
                await responses.WriteAsync(new WatchTrainingJobReply { Job = message }, ct);
                sent = message;
            }

            if (job.IsTerminal)
            {
                return;
            }

            await changed.WaitAsync(WatchPoll, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ct.ThrowIfCancellationRequested();
        }
    }

    public override async Task<ListModelsReply> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize(request.PageSize, 20, 100, "page_size");
        var ct = context.CancellationToken;
        var versions = await models.ListAsync(pageSize, ct);
        var states = (await models.ListStatesAsync(pageSize, ct)).ToDictionary(s => s.Version);
        var reply = new ListModelsReply();
        reply.Models.AddRange(versions.Select(v => MapToSummary(v, ModelMetadata.Parse(v.MetadataJson), states.GetValueOrDefault(v.Version))));
        return reply;
    }

    public override async Task<GetModelReply> GetModel(GetModelRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var registry = await models.GetRegistryAsync(ct);
        var model = await FindModelAsync(request.Version == 0 ? registry.ActiveVersion ?? 0 : request.Version, ct);
        var reply = MapToModel(model, await models.GetStateAsync(model.Info.Version, ct));
        reply.Pinned = registry.Pinned;
        return reply;
    }

    public override async Task<PromoteModelReply> PromoteModel(PromoteModelRequest request, ServerCallContext context)
    {
        var version = Version(request.Version);
        var reason = OptionalText(request.Reason, "reason");
        try
        {
            var activation = await registry.PromoteAsync(version, request.Force, reason, context.CancellationToken);
            return new PromoteModelReply { Model = await SummaryAsync(version, context.CancellationToken), Changed = activation.Changed };
        }
        catch (KeyNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
    }

    /// <summary>Largest model file ImportModel takes.</summary>
    public const long MaxImportBytes = 256L * 1024 * 1024;

    public override async Task<ImportModelReply> ImportModel(IAsyncStreamReader<ImportModelRequest> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        using var file = new MemoryStream();
        string? sha = null;
        var force = false;
        var reason = "";
        await foreach (var message in requestStream.ReadAllAsync(ct))
        {
            if (sha is null)
            {
                sha = message.Sha256.Trim();
                if (sha.Length != 64 || !sha.All(Uri.IsHexDigit))
                {
                    throw Invalid("sha256", "the first message must carry the file's SHA-256 as 64 hex digits");
                }

                force = message.Force;
                reason = OptionalText(message.Reason, "reason");
            }

            if (file.Length + message.Chunk.Length > MaxImportBytes)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"The model file is larger than {MaxImportBytes} bytes."));
            }

            message.Chunk.WriteTo(file);
        }

        if (sha is null || file.Length == 0)
        {
            throw Invalid("chunk", "no bytes were sent");
        }

        var bytes = file.ToArray();
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("sha256", $"the {bytes.Length} bytes received have SHA-256 {actual}, not {sha.ToLowerInvariant()}: the file was damaged or is another file");
        }

        try
        {
            var version = await registry.ImportAsync(bytes, force, reason, ct);
            return new ImportModelReply { Model = await SummaryAsync(version, ct) };
        }
        catch (InvalidDataException e)
        {
            throw Invalid("chunk", e.Message);
        }
    }

    public override async Task<PinModelReply> PinModel(PinModelRequest request, ServerCallContext context)
    {
        var state = await registry.PinAsync(request.Pinned, OptionalText(request.Reason, "reason"), context.CancellationToken);
        return new PinModelReply { Pinned = state.Pinned, ActiveVersion = state.ActiveVersion ?? 0 };
    }

    public override async Task<RollbackModelReply> RollbackModel(RollbackModelRequest request, ServerCallContext context)
    {
        if (request.FromVersion < 0)
        {
            throw Invalid("from_version", $"must be >= 0 (0: whatever is in force), got {request.FromVersion}");
        }

        var ct = context.CancellationToken;
        var before = await models.GetRegistryAsync(ct);
        var activation = await registry.RollbackAsync(
            request.FromVersion == 0 ? null : request.FromVersion, OptionalText(request.Reason, "reason"), ct);
        if (!activation.Changed && before.ActiveVersion is { } current && (request.FromVersion == 0 || request.FromVersion == current))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Nothing to roll back to: version {current} is the first model that was in force."));
        }

        if (activation.ActiveVersion is not { } active)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "No model is in force: nothing to roll back."));
        }

        return new RollbackModelReply
        {
            Model = await SummaryAsync(active, ct),
            Changed = activation.Changed,
            PreviousVersion = before.ActiveVersion ?? 0,
        };
    }

    public override async Task DownloadModel(
        DownloadModelRequest request, IServerStreamWriter<DownloadModelReply> responses, ServerCallContext context)
    {
        var model = await FindModelAsync(request.Version, context.CancellationToken);
        var chunks = ModelChunks.Split(model.Content).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            await responses.WriteAsync(new DownloadModelReply
            {
                Version = model.Info.Version,
                Chunk = ByteString.CopyFrom(chunks[i].Span),
                Size = model.Info.SizeBytes,
                Sha256 = i == chunks.Count - 1 ? model.Info.Sha256 : "",
            }, context.CancellationToken);
        }
    }

    private async Task<Storage.TrainingJob> FindJobAsync(string jobId, CancellationToken cancellationToken) =>
        tracker.Find(jobId) ?? await jobs.GetAsync(jobId, cancellationToken)
        ?? throw new RpcException(new Status(StatusCode.NotFound, $"Training job {jobId} does not exist."));

    private async Task<StoredModel> FindModelAsync(long version, CancellationToken cancellationToken)
    {
        if (version < 0)
        {
            throw Invalid("version", $"must be >= 0 (0 for the model in force), got {version}");
        }

        if (version == 0)
        {
            version = (await models.GetRegistryAsync(cancellationToken)).ActiveVersion
                ?? throw new RpcException(new Status(StatusCode.NotFound, "No model is in force yet."));
        }

        return await models.GetAsync(version, cancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Model version {version} does not exist."));
    }

    private async Task<ModelSummary> SummaryAsync(long version, CancellationToken cancellationToken)
    {
        var stored = await FindModelAsync(version, cancellationToken);
        return MapToSummary(stored.Info, ModelMetadata.Parse(stored.Info.MetadataJson), await models.GetStateAsync(version, cancellationToken));
    }

    private static long Version(long version) =>
        version >= 1 ? version : throw Invalid("version", $"must be a model version (>= 1), got {version}");

    private static string OptionalText(string value, string field)
    {
        var text = value.Trim();
        return text.Length <= 500 ? text : throw Invalid(field, $"must be at most 500 characters, got {text.Length}");
    }

    private static TrainingRequest Validate(StartTrainingRequest request)
    {
        if (request.K is < 0 or > TrainingLimits.MaxRank)
        {
            throw Invalid("k", $"must be between 0 (choose from the spectrum) and {TrainingLimits.MaxRank}, got {request.K}");
        }

        if (!double.IsFinite(request.L2) || request.L2 < 0 || request.L2 > float.MaxValue)
        {
            throw Invalid("l2", $"must be finite and >= 0 (0 for the default), got {request.L2}");
        }

        if (request.Seed is < int.MinValue or > int.MaxValue)
        {
            throw Invalid("seed", $"must fit in 32 bits ({int.MinValue} to {int.MaxValue}), got {request.Seed}");
        }

        var reason = OptionalId(request.Reason.Trim(), "reason") ?? TrainingRequest.ManualReason;
        return new TrainingRequest(request.K == 0 ? null : request.K, request.L2 == 0 ? null : (float)request.L2, (int)request.Seed, reason);
    }

    private static string JobId(string value)
    {
        var id = RequireId(value, "job_id");
        return Guid.TryParseExact(id, "D", out var guid) && guid.ToString() == id
            ? id
            : throw Invalid("job_id", $"'{id}' is not a training job id (a lower-case UUID such as StartTraining returns)");
    }
}
