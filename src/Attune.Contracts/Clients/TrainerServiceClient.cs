using Attune.Contracts.V1;
using Attune.Rpc;

namespace Attune.Contracts.Clients;

/// <summary>A typed client of attune.v1.TrainerService, which trains reward bases and clusters. Read-only RPCs are marked idempotent, so UNAVAILABLE is retried.</summary>
/// <param name="channel">The channel to call through (share one per server address).</param>
public sealed class TrainerServiceClient(GrpcChannel channel)
{
    /// <summary>The full service name.</summary>
    public const string ServiceName = "attune.v1.TrainerService";

    private static readonly Method<StartTrainingRequest, StartTrainingReply> StartTrainingMethod =
        new(MethodType.Unary, ServiceName, "StartTraining", StartTrainingReply.Parser);

    private static readonly Method<GetTrainingJobRequest, GetTrainingJobReply> GetTrainingJobMethod =
        new(MethodType.Unary, ServiceName, "GetTrainingJob", GetTrainingJobReply.Parser, idempotent: true);

    private static readonly Method<WatchTrainingJobRequest, WatchTrainingJobReply> WatchTrainingJobMethod =
        new(MethodType.ServerStreaming, ServiceName, "WatchTrainingJob", WatchTrainingJobReply.Parser);

    private static readonly Method<ListModelsRequest, ListModelsReply> ListModelsMethod =
        new(MethodType.Unary, ServiceName, "ListModels", ListModelsReply.Parser, idempotent: true);

    private static readonly Method<GetModelRequest, GetModelReply> GetModelMethod =
        new(MethodType.Unary, ServiceName, "GetModel", GetModelReply.Parser, idempotent: true);

    private static readonly Method<DownloadModelRequest, DownloadModelReply> DownloadModelMethod =
        new(MethodType.ServerStreaming, ServiceName, "DownloadModel", DownloadModelReply.Parser);

    /// <summary>Starts a training job now.</summary>
    public Task<StartTrainingReply> StartTrainingAsync(StartTrainingRequest request, CallOptions options = default) =>
        channel.UnaryAsync(StartTrainingMethod, request, options);

    /// <summary>The state of one job.</summary>
    public Task<GetTrainingJobReply> GetTrainingJobAsync(GetTrainingJobRequest request, CallOptions options = default) =>
        channel.UnaryAsync(GetTrainingJobMethod, request, options);

    /// <summary>Streams a job's progress until it ends.</summary>
    public AsyncServerStreamingCall<WatchTrainingJobReply> WatchTrainingJob(WatchTrainingJobRequest request, CallOptions options = default) =>
        channel.ServerStreaming(WatchTrainingJobMethod, request, options);

    /// <summary>Published models, newest first.</summary>
    public Task<ListModelsReply> ListModelsAsync(ListModelsRequest request, CallOptions options = default) =>
        channel.UnaryAsync(ListModelsMethod, request, options);

    /// <summary>One model with its metrics, spectrum and clusters.</summary>
    public Task<GetModelReply> GetModelAsync(GetModelRequest request, CallOptions options = default) =>
        channel.UnaryAsync(GetModelMethod, request, options);

    /// <summary>Streams a model file, in chunks, to a service that scores with it.</summary>
    public AsyncServerStreamingCall<DownloadModelReply> DownloadModel(DownloadModelRequest request, CallOptions options = default) =>
        channel.ServerStreaming(DownloadModelMethod, request, options);
}
