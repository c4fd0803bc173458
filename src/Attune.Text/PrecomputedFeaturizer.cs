namespace Attune.Text;

/// <summary>
/// e(x, y) supplied with the data: vectors looked up by response text (the prompt is ignored) or by an id the data carries.
/// Every vector has length <see cref="Dimension"/>. Immutable after construction, thus thread-safe.
/// </summary>
public sealed class PrecomputedFeaturizer : IFeaturizer
{
    private readonly Dictionary<string, float[]> _byResponse;
    private readonly Dictionary<string, float[]> _byId;

    /// <summary>A featurizer over the given tables (vectors are copied).</summary>
    /// <param name="dimension">Length of every vector (&gt;= 1).</param>
    /// <param name="byResponse">Vectors keyed by exact response text.</param>
    /// <param name="byId">Vectors keyed by an id (e.g. a response id from the JSONL); may be null.</param>
    /// <param name="source">Where the vectors come from, for <see cref="Description"/> (e.g. "synthetic:seed=7").</param>
    /// <exception cref="ArgumentException">A vector has another length or a non-finite entry (the message names its key).</exception>
    public PrecomputedFeaturizer(
        int dimension,
        IReadOnlyDictionary<string, float[]> byResponse,
        IReadOnlyDictionary<string, float[]>? byId = null,
        string source = "unspecified")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(byResponse);
        ArgumentNullException.ThrowIfNull(source);
        Dimension = dimension;
        _byResponse = Copy(byResponse, dimension, nameof(byResponse));
        _byId = Copy(byId ?? new Dictionary<string, float[]>(), dimension, nameof(byId));
        Description = $"precomputed:dim={dimension}:source={source}";
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Number of vectors keyed by response text.</summary>
    public int ResponseCount => _byResponse.Count;

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">No vector was supplied for the response.</exception>
    public SparseVector Featurize(TextPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair.Response, nameof(pair.Response));
        return _byResponse.TryGetValue(pair.Response, out var v)
            ? SparseVector.FromDense(v)
            : throw new KeyNotFoundException($"no precomputed vector for response '{Excerpt(pair.Response)}'.");
    }

    /// <summary>The vector supplied for <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No vector has that id.</exception>
    public SparseVector FeaturizeById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var v)
            ? SparseVector.FromDense(v)
            : throw new KeyNotFoundException($"no precomputed vector with id '{id}'.");
    }

    /// <summary>Whether a vector was supplied for <paramref name="response"/>.</summary>
    public bool Contains(string response) => _byResponse.ContainsKey(response);

    /// <inheritdoc />
    public Task<IReadOnlyList<SparseVector>> FeaturizeBatchAsync(
        IReadOnlyList<TextPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Task.FromResult<IReadOnlyList<SparseVector>>(pairs.Select(Featurize).ToArray());
    }

    private static Dictionary<string, float[]> Copy(IReadOnlyDictionary<string, float[]> source, int dimension, string name)
    {
        var copy = new Dictionary<string, float[]>(source.Count, StringComparer.Ordinal);
        foreach (var (key, vector) in source)
        {
            if (vector is null || vector.Length != dimension)
            {
                throw new ArgumentException(
                    $"{name}['{Excerpt(key)}'] has length {vector?.Length ?? 0}, expected {dimension}.", name);
            }

            if (vector.Any(x => !float.IsFinite(x)))
            {
                throw new ArgumentException($"{name}['{Excerpt(key)}'] has a non-finite entry.", name);
            }

            copy[key] = (float[])vector.Clone();
        }

        return copy;
    }

    private static string Excerpt(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
