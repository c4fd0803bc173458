using System.Security.Cryptography;
using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Adapter.Domain;

/// <summary>
/// Fetches a model file through TrainerService.DownloadModel (chunks of at most 1 MiB, SHA-256 on the last one) and
/// checks its size and checksum before anything uses it.
/// </summary>
public static class ModelDownloader
{
    /// <summary>Downloads <paramref name="version"/> (0: the model in force).</summary>
    /// <exception cref="RpcException">The trainer answered an error (NOT_FOUND: no such model) or could not be reached.</exception>
    /// <exception cref="InvalidDataException">The bytes do not match the announced size or SHA-256.</exception>
    public static async Task<DownloadedModel> DownloadAsync(
        TrainerService.TrainerServiceClient trainer, long version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var call = trainer.DownloadModel(
            new DownloadModelRequest { Version = version },
            new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken));
        using var content = new MemoryStream();
        long downloaded = 0, size = -1;
        var first = true;
        string? sha256 = null;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (first)
            {
                downloaded = chunk.Version;
                first = false;
            }
            else if (chunk.Version != 0 && chunk.Version != downloaded)
            {
                throw new InvalidDataException($"The download switched from model {downloaded} to model {chunk.Version} mid-stream.");
            }

            // The trainer repeats the size on every chunk; the first one that carries it is enough.
            if (chunk.Size > 0)
            {
                size = chunk.Size;
            }

            chunk.Chunk.WriteTo(content);
            if (chunk.Sha256.Length > 0)
            {
                sha256 = chunk.Sha256;
            }
        }

        var bytes = content.ToArray();
        if (sha256 is null)
        {
            throw new InvalidDataException($"Model {downloaded}: the download ended without a SHA-256.");
        }

        if (bytes.Length != size)
        {
            throw new InvalidDataException($"Model {downloaded}: received {bytes.Length} bytes, the trainer announced {size}.");
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Model {downloaded}: SHA-256 {actual} does not match the trainer's {sha256}.");
        }

        if (downloaded < 1)
        {
            throw new InvalidDataException($"The trainer sent model version {downloaded}; versions start at 1.");
        }

        return new DownloadedModel(downloaded, bytes, actual);
    }
}
