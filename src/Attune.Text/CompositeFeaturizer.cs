using System.Globalization;

namespace Attune.Text;

/// <summary>
/// e(x, y) = [s_1 e_1(x, y); s_2 e_2(x, y); ...]: the parts' vectors concatenated in order, part p scaled by s_p and
/// occupying [offset_p, offset_p + D_p) with offset_p = D_1 + ... + D_(p-1); <see cref="Dimension"/> = sum of D_p. The
/// scales set how much each block weighs against the others under one L2 penalty on V (e.g. the 384 unit-norm MiniLM
/// entries beside the hashed n-grams and style block of <see cref="Hashing.HashingFeaturizer"/>); they are configured, and
/// a trainer that chooses them by validation records the chosen ones in <see cref="Description"/>.
/// Thread-safe and deterministic when its parts are.
/// </summary>
public sealed class CompositeFeaturizer : IFeaturizer
{
    private const string Prefix = "composite:v1:";
    private readonly IFeaturizer[] _parts;
    private readonly float[] _scales;
    private readonly int[] _offsets;

    /// <summary>Concatenates <paramref name="parts"/>, each scaled by the matching entry of <paramref name="scales"/>.</summary>
    /// <param name="parts">The featurizers, at least two, in block order.</param>
    /// <param name="scales">One finite scale &gt; 0 per part.</param>
    /// <exception cref="ArgumentException">Fewer than two parts, counts differ, or a scale is not finite and positive.</exception>
    public CompositeFeaturizer(IReadOnlyList<IFeaturizer> parts, IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(scales);
        if (parts.Count < 2)
        {
            throw new ArgumentException($"a composite needs at least two parts, got {parts.Count}.", nameof(parts));
        }

        if (scales.Count != parts.Count)
        {
            throw new ArgumentException($"{scales.Count} scales for {parts.Count} parts.", nameof(scales));
        }

        _parts = [.. parts];
        _scales = new float[parts.Count];
        _offsets = new int[parts.Count];
        var dimension = 0L;
        for (var p = 0; p < parts.Count; p++)
        {
            ArgumentNullException.ThrowIfNull(parts[p], $"parts[{p}]");
            if (!double.IsFinite(scales[p]) || scales[p] <= 0 || !float.IsFinite((float)scales[p]) || (float)scales[p] == 0)
            {
                throw new ArgumentException($"scales[{p}] = {scales[p]} is not a finite number > 0.", nameof(scales));
            }

            _scales[p] = (float)scales[p];
            _offsets[p] = (int)dimension;
            dimension += parts[p].Dimension;
        }

        if (dimension > int.MaxValue)
        {
            throw new ArgumentException($"the parts' dimensions add up to {dimension}, more than an int holds.", nameof(parts));
        }

        Dimension = (int)dimension;
        Description = Prefix
            + "scales=" + string.Join(',', _scales.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))
            + ":parts=" + string.Join(',', _parts.Select(f => Uri.EscapeDataString(f.Description)));
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary><c>composite:v1:scales=s1,s2,...:parts=d1,d2,...</c> with each part's description URI-escaped.</summary>
    public string Description { get; }

    /// <summary>The parts, in block order.</summary>
    public IReadOnlyList<IFeaturizer> Parts => _parts;

    /// <summary>The scales s_p as applied (single precision).</summary>
    public IReadOnlyList<float> Scales => _scales;

    /// <summary>Index where part <paramref name="part"/>'s block starts.</summary>
    public int Offset(int part) => _offsets[part];

    /// <summary>
    /// Rebuilds a composite from its <see cref="Description"/>; <paramref name="partFromDescription"/> rebuilds each part
    /// (<see cref="FeaturizerFactory.FromDescription"/> passes itself).
    /// </summary>
    /// <exception cref="FormatException">The text is not a well-formed <c>composite:v1:...</c> description.</exception>
    public static CompositeFeaturizer FromDescription(string description, Func<string, IFeaturizer> partFromDescription)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(partFromDescription);
        if (!description.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"description '{description}' does not start with 'composite:v1'.");
        }

        var fields = description[Prefix.Length..].Split(':');
        if (fields.Length != 2 || !fields[0].StartsWith("scales=", StringComparison.Ordinal)
            || !fields[1].StartsWith("parts=", StringComparison.Ordinal))
        {
            throw new FormatException($"description '{description}' is not 'composite:v1:scales=...:parts=...'.");
        }

        var scales = new List<double>();
        foreach (var s in fields[0]["scales=".Length..].Split(','))
        {
            scales.Add(double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"description '{description}': scale '{s}' is not a number."));
        }

        var parts = fields[1]["parts=".Length..].Split(',').Select(p => partFromDescription(Uri.UnescapeDataString(p))).ToArray();
        try
        {
            return new CompositeFeaturizer(parts, scales);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"description '{description}' is malformed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public SparseVector Featurize(TextPair pair) => Concatenate(_parts.Select(f => f.Featurize(pair)).ToArray());

    /// <inheritdoc />
    public async Task<IReadOnlyList<SparseVector>> FeaturizeBatchAsync(
        IReadOnlyList<TextPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var blocks = new IReadOnlyList<SparseVector>[_parts.Length];
        for (var p = 0; p < _parts.Length; p++)
        {
            blocks[p] = await _parts[p].FeaturizeBatchAsync(pairs, cancellationToken).ConfigureAwait(false);
        }

        var result = new SparseVector[pairs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Concatenate(blocks.Select(b => b[i]).ToArray());
        }

        return result;
    }

    private SparseVector Concatenate(SparseVector[] blocks)
    {
        var count = 0;
        for (var p = 0; p < blocks.Length; p++)
        {
            if (blocks[p].Dimension != _parts[p].Dimension)
            {
                throw new InvalidOperationException(
                    $"part {p} ('{_parts[p].Description}') returned a vector of dimension {blocks[p].Dimension}, not {_parts[p].Dimension}.");
            }

            count += blocks[p].Count;
        }

        var indices = new int[count];
        var values = new float[count];
        var at = 0;
        for (var p = 0; p < blocks.Length; p++)
        {
            ReadOnlySpan<int> bi = blocks[p].Indices;
            ReadOnlySpan<float> bv = blocks[p].Values;
            for (var j = 0; j < bi.Length; j++, at++)
            {
                indices[at] = _offsets[p] + bi[j];
                values[at] = _scales[p] * bv[j];
            }
        }

        return SparseVector.FromSortedUnchecked(Dimension, indices, values);
    }
}
