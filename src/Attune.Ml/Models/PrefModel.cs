using Attune.Ml.Clustering;
using Attune.Ml.Data;
using Attune.Ml.Users;

namespace Attune.Ml.Models;

/// <summary>
/// A trained PReF model: base reward functions phi(x, y) = V e(x, y) with V shape (K, D) row-major, user weights W
/// shape (users, K) row-major, and user u's reward r_u(x, y) = w_u . phi(x, y). For a pair, m = w_u . (V d_p) and
/// P(first preferred) = sigmoid(m). Also carries what the model file records: the prior for new users, clusters,
/// spectrum, metrics and settings.
/// </summary>
public sealed class PrefModel : IRewardModel
{
    private readonly float[] _v;
    private readonly float[] _w;
    private readonly Dictionary<string, int> _userIndex;

    /// <summary>Wraps the arrays (not copied) after checking shapes.</summary>
    public PrefModel(
        string method, int rank, int dimension, float[] v, IReadOnlyList<string> userIds, float[] userWeights,
        GaussianPrior prior, string featurizer, IReadOnlyList<double>? spectrum = null, ClusterModel? clusters = null,
        IReadOnlyDictionary<string, double>? metrics = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(userWeights);
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(featurizer);
        if (rank < 1 || dimension < 1 || v.Length != rank * dimension)
        {
            throw new ArgumentException($"V must have shape (K = {rank}, D = {dimension}); got {v.Length} values.", nameof(v));
        }

        if (userWeights.Length != userIds.Count * rank)
        {
            throw new ArgumentException($"userWeights must have shape (users = {userIds.Count}, K = {rank}); got {userWeights.Length} values.", nameof(userWeights));
        }

        if (prior.Rank != rank || (clusters is not null && clusters.Rank != rank))
        {
            throw new ArgumentException($"The prior and clusters must have rank K = {rank}.", nameof(prior));
        }

        Method = method;
        Rank = rank;
        Dimension = dimension;
        _v = v;
        _w = userWeights;
        UserIds = userIds;
        Prior = prior;
        Featurizer = featurizer;
        Spectrum = spectrum ?? Array.Empty<double>();
        Clusters = clusters;
        Metrics = metrics ?? new Dictionary<string, double>();
        Settings = settings ?? new Dictionary<string, string>();
        _userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int u = 0; u < userIds.Count; u++)
        {
            _userIndex.Add(userIds[u], u);
        }
    }

    /// <inheritdoc />
    public string Method { get; }

    /// <summary>K, the number of base reward functions.</summary>
    public int Rank { get; }

    /// <summary>D, the feature dimension.</summary>
    public int Dimension { get; }

    /// <summary>V, shape (K, D).</summary>
    public ReadOnlySpan<float> V => _v;

    /// <summary>W, shape (users, K).</summary>
    public ReadOnlySpan<float> UserWeights => _w;

    /// <summary>User ids, one per row of W.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>N(mu, Sigma) fitted to the training users' weights, for new users.</summary>
    public GaussianPrior Prior { get; }

    /// <summary>Caller-supplied description of the featurizer that produced d (model file header).</summary>
    public string Featurizer { get; }

    /// <summary>Singular values of the completed users x pairs matrix (empty when no factorization ran).</summary>
    public IReadOnlyList<double> Spectrum { get; }

    /// <summary>User clusters, when computed.</summary>
    public ClusterModel? Clusters { get; }

    /// <summary>Validation metrics by name (e.g. "auc", "log_loss").</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>Training settings by name.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Row of W for a training user, or -1 when the id is unknown.</summary>
    public int IndexOfUser(string userId) => _userIndex.TryGetValue(userId, out int u) ? u : -1;

    /// <summary>w_u, length K.</summary>
    public ReadOnlySpan<float> GetUserWeights(int user) => _w.AsSpan(user * Rank, Rank);

    /// <summary>z = V d_row, the phi-difference of one pair, into z (length K).</summary>
    public void ProjectPair(FeatureMatrix features, int row, Span<float> z)
    {
        CheckFeatures(features);
        features.Project(row, _v, Rank, z);
    }

    /// <summary>The phi-differences of the given rows, shape (rows.Length, K): the candidate pool of active queries.</summary>
    public float[] ProjectPairs(FeatureMatrix features, ReadOnlySpan<int> rows)
    {
        CheckFeatures(features);
        var z = new float[rows.Length * Rank];
        for (int i = 0; i < rows.Length; i++)
        {
            features.Project(rows[i], _v, Rank, z.AsSpan(i * Rank, Rank));
        }

        return z;
    }

    /// <summary>phi(x, y) = V e for one dense response embedding e (length D), into phi (length K).</summary>
    public void RewardFeatures(ReadOnlySpan<float> embedding, Span<float> phi)
    {
        if (embedding.Length != Dimension || phi.Length != Rank)
        {
            throw new ArgumentException($"embedding must have length D = {Dimension} and phi length K = {Rank}.", nameof(embedding));
        }

        for (int j = 0; j < Rank; j++)
        {
            phi[j] = System.Numerics.Tensors.TensorPrimitives.Dot(_v.AsSpan(j * Dimension, Dimension), embedding);
        }
    }

    /// <inheritdoc />
    public void PredictMargins(ComparisonSet data, Span<float> margins)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data.Features);
        if (margins.Length != data.Count || data.UserCount > UserIds.Count)
        {
            throw new ArgumentException($"margins must have length {data.Count}, and the data's {data.UserCount} users must be rows of W ({UserIds.Count}).", nameof(margins));
        }

        Span<float> z = stackalloc float[Rank];
        for (int i = 0; i < data.Count; i++)
        {
            data.Features.Project(data.Pairs[i], _v, Rank, z);
            margins[i] = System.Numerics.Tensors.TensorPrimitives.Dot(GetUserWeights(data.Users[i]), z);
        }
    }

    private void CheckFeatures(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Columns != Dimension)
        {
            throw new ArgumentException($"Features have D = {features.Columns}; the model expects D = {Dimension}.", nameof(features));
        }
    }
}
