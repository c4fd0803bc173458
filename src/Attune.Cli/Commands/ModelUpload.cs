using System.Security.Cryptography;
using Attune.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Attune.Cli.Commands;

/// <summary>Sends a model file to TrainerService.ImportModel: 1 MiB chunks, the first with the file's SHA-256, force and reason.</summary>
internal static class ModelUpload
{
    private const int ChunkBytes = 1024 * 1024;

    /// <summary>Streams <paramref name="bytes"/> and returns the imported model's summary.</summary>
    public static async Task<ModelSummary> ImportAsync(
        TrainerService.TrainerServiceClient client, byte[] bytes, bool force, string reason, CallOptions options)
    {
        using var call = client.ImportModel(options);
        for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
        {
            var message = new ImportModelRequest { Chunk = ByteString.CopyFrom(bytes, offset, Math.Min(ChunkBytes, bytes.Length - offset)) };
            if (offset == 0)
            {
                message.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
                message.Force = force;
                message.Reason = reason;
            }

            await call.RequestStream.WriteAsync(message, options.CancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        return (await call).Model;
    }
}
