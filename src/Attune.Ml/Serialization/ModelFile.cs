using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Attune.Ml.Clustering;
using Attune.Ml.Models;
using Attune.Ml.Users;

namespace Attune.Ml.Serialization;

/// <summary>
/// The versioned, self-describing model file of a <see cref="PrefModel"/>. Layout (little-endian):
/// 8 bytes magic "ATTUNEPM"; uint32 format version (1 or 2); int32 header length h; h bytes UTF-8 JSON header (method,
/// K, D, featurizer, settings, metrics, spectrum, prior mean and covariance, clusters, users as id + weights; version 2
/// adds "residual": {"hidden": n, "activation": "tanh"}); K * D float32 values of V, shape (K, D) row-major; version 2
/// only: n * D float32 of H (n, D), n of b, K * n of U (K, n), all row-major; uint64 FNV-1a checksum of the header and
/// every float byte.
/// </summary>
/// <remarks>
/// A linear model (no <see cref="PrefModel.Residual"/>) is still written as version 1, byte for byte as before, so that
/// readers older than the residual MLP keep reading it; only a model with a residual is written as version 2, which those
/// readers refuse rather than score wrongly. This reader reads both.
/// </remarks>
public static class ModelFile
{
    /// <summary>The newest format version: written for models with a residual MLP; this code reads it and version 1.</summary>
    public const uint FormatVersion = 2;

    /// <summary>The version of linear models (no residual), still written for them.</summary>
    public const uint LinearFormatVersion = 1;

    private const int MaxHeaderBytes = 1 << 30;
    private static readonly byte[] Magic = "ATTUNEPM"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Writes model to stream (not closed).</summary>
    public static void Write(Stream stream, PrefModel model)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        byte[] header = JsonSerializer.SerializeToUtf8Bytes(ToHeader(model), Json);
        ResidualBasis? residual = model.Residual;
        int floats = model.V.Length + (residual is null ? 0 : residual.H.Length + residual.Bias.Length + residual.U.Length);
        byte[] v = new byte[floats * sizeof(float)];
        int at = WriteFloats(v, 0, model.V);
        if (residual is not null)
        {
            at = WriteFloats(v, at, residual.H);
            at = WriteFloats(v, at, residual.Bias);
            WriteFloats(v, at, residual.U);
        }

        Span<byte> prefix = stackalloc byte[16];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix[8..], residual is null ? LinearFormatVersion : FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[12..], header.Length);
        stream.Write(prefix);
        stream.Write(header);
        stream.Write(v);
        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, Fnv1a(Fnv1a(Fnv1aOffset, header), v));
        stream.Write(checksum);
    }

    /// <summary>Reads a model from stream.</summary>
    /// <exception cref="ModelFileException">Not a model file, an unknown version, truncated, or corrupt.</exception>
    public static PrefModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[16];
        ReadExactly(stream, prefix, "the file prefix (magic, version, header length)");
        if (!prefix.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new ModelFileException("Not an Attune model file: the magic bytes are not \"ATTUNEPM\".");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
        if (version != LinearFormatVersion && version != FormatVersion)
        {
            throw new ModelFileException($"Unsupported model file format version {version}; this library reads versions {LinearFormatVersion} and {FormatVersion}.");
        }

        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(12));
        if (headerLength <= 0 || headerLength > MaxHeaderBytes)
        {
            throw new ModelFileException($"Corrupt model file: header length {headerLength} is out of range.");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, $"the {headerLength}-byte JSON header");
        ModelFileHeader header;
        try
        {
            header = JsonSerializer.Deserialize<ModelFileHeader>(headerBytes, Json) ?? throw new ModelFileException("Corrupt model file: empty header.");
        }
        catch (JsonException e)
        {
            throw new ModelFileException("Corrupt model file: the header is not valid JSON.", e);
        }

        if (header.Rank < 1 || header.Dimension < 1 || (long)header.Rank * header.Dimension > int.MaxValue / sizeof(float))
        {
            throw new ModelFileException($"Corrupt model file: K = {header.Rank}, D = {header.Dimension}.");
        }

        int hidden = ResidualHidden(header, version);
        long floats = (long)header.Rank * header.Dimension + (long)hidden * (header.Dimension + 1 + header.Rank);
        if (floats > int.MaxValue / sizeof(float))
        {
            throw new ModelFileException($"Corrupt model file: K = {header.Rank}, D = {header.Dimension}, h = {hidden} is too large.");
        }

        var vBytes = new byte[floats * sizeof(float)];
        ReadExactly(stream, vBytes, hidden == 0 ? $"V ({header.Rank} x {header.Dimension} float32)" : $"V, H, b and U (K = {header.Rank}, D = {header.Dimension}, h = {hidden}, float32)");
        var checksum = new byte[8];
        ReadExactly(stream, checksum, "the checksum");
        if (BinaryPrimitives.ReadUInt64LittleEndian(checksum) != Fnv1a(Fnv1a(Fnv1aOffset, headerBytes), vBytes))
        {
            throw new ModelFileException("Corrupt model file: the checksum does not match the contents.");
        }

        int offset = 0;
        float[] v = ReadFloats(vBytes, ref offset, header.Rank * header.Dimension);
        try
        {
            ResidualBasis? residual = null;
            if (hidden > 0)
            {
                float[] h = ReadFloats(vBytes, ref offset, hidden * header.Dimension);
                float[] b = ReadFloats(vBytes, ref offset, hidden);
                float[] u = ReadFloats(vBytes, ref offset, header.Rank * hidden);
                residual = new ResidualBasis(header.Rank, header.Dimension, hidden, h, b, u);
            }

            return FromHeader(header, v, residual);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException($"Corrupt model file: {e.Message}", e);
        }
    }

    private static int ResidualHidden(ModelFileHeader header, uint version)
    {
        if (version == LinearFormatVersion)
        {
            return header.Residual is null ? 0 : throw new ModelFileException("Corrupt model file: a version 1 file cannot carry a residual MLP.");
        }

        if (header.Residual is not { } residual)
        {
            throw new ModelFileException("Corrupt model file: a version 2 file must describe its residual MLP.");
        }

        if (residual.Activation != ResidualBasis.ActivationName)
        {
            throw new ModelFileException($"Unsupported residual activation '{residual.Activation}'; this library evaluates '{ResidualBasis.ActivationName}'.");
        }

        if (residual.Hidden < 1 || residual.Hidden > int.MaxValue / sizeof(float) / (header.Dimension + 1 + header.Rank))
        {
            throw new ModelFileException($"Corrupt model file: residual hidden size {residual.Hidden} is out of range.");
        }

        return residual.Hidden;
    }

    private static int WriteFloats(byte[] target, int at, ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(target.AsSpan(at + i * sizeof(float)), values[i]);
        }

        return at + values.Length * sizeof(float);
    }

    private static float[] ReadFloats(byte[] source, ref int offset, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(source.AsSpan(offset + i * sizeof(float)));
        }

        offset += count * sizeof(float);
        return values;
    }

    private static ModelFileHeader ToHeader(PrefModel model)
    {
        var header = new ModelFileHeader
        {
            Method = model.Method,
            Rank = model.Rank,
            Dimension = model.Dimension,
            Featurizer = model.Featurizer,
            Settings = new Dictionary<string, string>(model.Settings),
            Metrics = new Dictionary<string, double>(model.Metrics),
            Spectrum = [.. model.Spectrum],
            PriorMean = model.Prior.Mean.ToArray(),
            PriorCovariance = model.Prior.Covariance.ToArray(),
            Residual = model.Residual is { } r ? new ModelFileHeader.ResidualHeader { Hidden = r.Hidden, Activation = ResidualBasis.ActivationName } : null,
        };
        if (model.Clusters is { } c)
        {
            header.Clusters = new ModelFileHeader.ClusterHeader
            {
                Centroids = c.Centroids.ToArray(),
                ClusterWeights = c.ClusterWeights.ToArray(),
                Assignments = [.. c.Assignments],
                Silhouette = c.Silhouette,
            };
        }

        header.BaseFunctions = [.. model.Labels.Select(l => new ModelFileHeader.LabelHeader
        {
            Name = l.Name, Positive = [.. l.Positive], Negative = [.. l.Negative], HighExample = l.HighExample, LowExample = l.LowExample,
        })];
        for (int u = 0; u < model.UserIds.Count; u++)
        {
            header.Users.Add(new ModelFileHeader.UserHeader { Id = model.UserIds[u], Weights = model.GetUserWeights(u).ToArray() });
        }

        return header;
    }

    private static PrefModel FromHeader(ModelFileHeader header, float[] v, ResidualBasis? residual)
    {
        int k = header.Rank;
        var ids = new string[header.Users.Count];
        var w = new float[ids.Length * k];
        for (int u = 0; u < ids.Length; u++)
        {
            ids[u] = header.Users[u].Id;
            if (header.Users[u].Weights.Length != k)
            {
                throw new ArgumentException($"user '{ids[u]}' has {header.Users[u].Weights.Length} weights; expected K = {k}.");
            }

            header.Users[u].Weights.CopyTo(w, u * k);
        }

        var clusters = header.Clusters is { } c ? new ClusterModel(k, c.Centroids, c.ClusterWeights, c.Assignments, c.Silhouette) : null;
        var model = new PrefModel(
            header.Method, k, header.Dimension, v, ids, w, new GaussianPrior(header.PriorMean, header.PriorCovariance),
            header.Featurizer, header.Spectrum, clusters, header.Metrics, header.Settings, residual);
        return header.BaseFunctions is { Count: > 0 } labels
            ? model.WithLabels([.. labels.Select(l => new BaseFunctionLabel(l.Name, l.Positive, l.Negative, l.HighExample, l.LowExample))])
            : model;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFileException($"Truncated model file: it ends inside {what}.", e);
        }
    }

    private const ulong Fnv1aOffset = 14695981039346656037UL;

    private static ulong Fnv1a(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
