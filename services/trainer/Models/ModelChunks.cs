namespace Attune.Trainer.Models;

/// <summary>Splits a model file into the DownloadModel stream's chunks.</summary>
public static class ModelChunks
{
    /// <summary>Largest chunk sent, 1 MiB (well under the 4 MiB message limit).</summary>
    public const int MaxChunkBytes = 1 << 20;

    /// <summary>Consecutive slices of at most <paramref name="chunkBytes"/> bytes covering <paramref name="content"/>; one empty slice for empty content.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> content, int chunkBytes = MaxChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        if (content.IsEmpty)
        {
            yield return content;
            yield break;
        }

        for (var offset = 0; offset < content.Length; offset += chunkBytes)
        {
            yield return content.Slice(offset, Math.Min(chunkBytes, content.Length - offset));
        }
    }
}
