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
    TrainingOrchestrator orchestrator, ITrainingJobStore jobs, IModelStore models, TrainingJobTracker tracker) : TrainerService.TrainerServiceBase
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
        var versions = await models.ListAsync(pageSize, context.CancellationToken);
        var reply = new ListModelsReply();
        var latest = versions.Count > 0 ? versions[0].Version : 0;
        reply.Models.AddRange(versions.Select(v => MapToSummary(v, ModelMetadata.Parse(v.MetadataJson), v.Version == latest)));
        return reply;
    }

    public override async Task<GetModelReply> GetModel(GetModelRequest request, ServerCallContext context)
    {
        var model = await FindModelAsync(request.Version, context.CancellationToken);
        var latest = (await models.ListAsync(1, context.CancellationToken))[0].Version;
        return MapToModel(model, latest);
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

        var model = version == 0
            ? await models.GetLatestAsync(cancellationToken)
            : await models.GetAsync(version, cancellationToken);
        return model ?? throw new RpcException(new Status(StatusCode.NotFound,
            version == 0 ? "No model has been trained yet." : $"Model version {version} does not exist."));
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
