namespace Attune.Text.Encoders;

/// <summary>
/// Run-time settings of the MiniLM encoder: none of them changes what a text encodes to (beyond float rounding on another
/// device), so none is part of a featurizer's description. Validated at construction.
/// </summary>
public sealed class MiniLmOptions
{
    /// <summary>Settings for the encoder; the defaults suit a test or a small service (one thread, CPU, memory cache).</summary>
    /// <param name="intraOpThreads">ONNX Runtime's IntraOpNumThreads (&gt;= 1); InterOpNumThreads is always 1.</param>
    /// <param name="device">The execution provider to ask for.</param>
    /// <param name="batchSize">Texts per ONNX Runtime call (&gt;= 1); a larger batch pads more but calls less often.</param>
    /// <param name="memoryCacheEntries">Vectors kept in memory, least recently used dropped first (&gt;= 0; 0 keeps none).
    /// An entry costs about 1.6 kB (384 floats and a 64-character key).</param>
    /// <param name="cacheDirectory">Root of an on-disk cache shared by processes (the trainer's), or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range; the message names it and its value.</exception>
    public MiniLmOptions(
        int intraOpThreads = 1,
        OnnxDevice device = OnnxDevice.Cpu,
        int batchSize = 32,
        int memoryCacheEntries = 65_536,
        string? cacheDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(memoryCacheEntries);
        if (!Enum.IsDefined(device))
        {
            throw new ArgumentOutOfRangeException(nameof(device), device, "device is not an OnnxDevice value.");
        }

        if (cacheDirectory is not null && string.IsNullOrWhiteSpace(cacheDirectory))
        {
            throw new ArgumentException("cacheDirectory must be a path or null.", nameof(cacheDirectory));
        }

        IntraOpThreads = intraOpThreads;
        Device = device;
        BatchSize = batchSize;
        MemoryCacheEntries = memoryCacheEntries;
        CacheDirectory = cacheDirectory;
    }

    /// <summary>ONNX Runtime's IntraOpNumThreads.</summary>
    public int IntraOpThreads { get; }

    /// <summary>The execution provider asked for.</summary>
    public OnnxDevice Device { get; }

    /// <summary>Texts per ONNX Runtime call.</summary>
    public int BatchSize { get; }

    /// <summary>Capacity of the in-memory vector cache, in entries.</summary>
    public int MemoryCacheEntries { get; }

    /// <summary>Root of the on-disk cache, or null.</summary>
    public string? CacheDirectory { get; }
}
