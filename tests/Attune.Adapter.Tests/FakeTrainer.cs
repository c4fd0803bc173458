using System.Security.Cryptography;
using Attune.Contracts.V1;
using Grpc.Core;
using Google.Protobuf;

namespace Attune.Adapter.Tests;

/// <summary>
/// A test peer speaking attune.v1.TrainerService over the real wire protocol: DownloadModel streams the files in
/// <see cref="PeerState.Models"/> in small chunks (the newest one for version 0); every other RPC is UNIMPLEMENTED.
/// </summary>
public sealed class FakeTrainer(PeerState state) : TrainerService.TrainerServiceBase
{
    /// <summary>Chunk size, small so that a download spans several messages.</summary>
    public const int ChunkSize = 64 * 1024;


    public override async Task DownloadModel(DownloadModelRequest request, IServerStreamWriter<DownloadModelReply> responses, ServerCallContext context)
    {
        Interlocked.Increment(ref state.Downloads);
        var version = request.Version == 0 ? state.Models.Keys.DefaultIfEmpty(0).Max() : request.Version;
        if (!state.Models.TryGetValue(version, out var bytes))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"model {request.Version} does not exist"));
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(state.CorruptChecksum ? [.. bytes, 0] : bytes));
        for (int offset = 0; offset < bytes.Length; offset += ChunkSize)
        {
            var length = Math.Min(ChunkSize, bytes.Length - offset);
            await responses.WriteAsync(new DownloadModelReply
            {
                Version = version,
                Chunk = ByteString.CopyFrom(bytes, offset, length),
                Size = bytes.Length,
                Sha256 = offset + length == bytes.Length ? sha : "",
            }, context.CancellationToken);
        }
    }

    public override Task<StartTrainingReply> StartTraining(StartTrainingRequest request, ServerCallContext context) => throw Unimplemented();

    public override Task<GetTrainingJobReply> GetTrainingJob(GetTrainingJobRequest request, ServerCallContext context) => throw Unimplemented();

    public override Task WatchTrainingJob(WatchTrainingJobRequest request, IServerStreamWriter<WatchTrainingJobReply> responses, ServerCallContext context) =>
        throw Unimplemented();

    public override Task<ListModelsReply> ListModels(ListModelsRequest request, ServerCallContext context) => throw Unimplemented();

    public override Task<GetModelReply> GetModel(GetModelRequest request, ServerCallContext context) => throw Unimplemented();

    private static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "not part of the test peer"));
}
