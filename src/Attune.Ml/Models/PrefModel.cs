using System.Buffers;
using System.Numerics.Tensors;
using Attune.Ml.Clustering;
using Attune.Ml.Data;
using Attune.Ml.Users;

namespace Attune.Ml.Models;

/// <summary>
/// A trained PReF model: base reward functions phi(x, y) = V e(x, y) with V shape (K, D) row-major, user weights W
/// shape (users, K) row-major, and user u's reward r_u(x, y) = w_u . phi(x, y). For a pair, m = w_u . (V d_p) and
/// P(first preferred) = sigmoid(m). Also carries what the model file records: the prior for new users, clusters,
/// spectrum, metrics and settings.
/// <para>With a <see cref="Residual"/> MLP the basis is phi(e) = V e + U tanh(H e + b) (see <see cref="ResidualBasis"/>):
/// no longer linear in e, so a pair's phi-difference needs both responses' embeddings. The APIs that take pair
/// differences d (<see cref="ProjectPair(FeatureMatrix, int, Span{float})"/>, <see cref="ProjectPairs(FeatureMatrix, ReadOnlySpan{int})"/>,
/// <see cref="FoldUserWeights"/>, <see cref="PredictMargins"/> on a set without <see cref="ComparisonSet.Responses"/>) then
/// throw <see cref="InvalidOperationException"/>; the ones taking <see cref="ResponsePairs"/> or per-response embeddings
/// are right for both. Without a residual every path is the linear one, unchanged.</para>
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
        IReadOnlyDictionary<string, double>? metrics = null, IReadOnlyDictionary<string, string>? settings = null,
        ResidualBasis? residual = null)
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

        if (residual is not null && (residual.Rank != rank || residual.Dimension != dimension))
        {
            throw new ArgumentException($"The residual MLP must have K = {rank} and D = {dimension}; got K = {residual.Rank}, D = {residual.Dimension}.", nameof(residual));
        }

        Method = method;
        Residual = residual;
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

    /// <summary>
    /// One label per base function (index k labels phi_k), or empty when the model was trained without texts to label
    /// from (<see cref="WithLabels"/>).
    /// </summary>
    public IReadOnlyList<BaseFunctionLabel> Labels { get; private init; } = [];

    /// <summary>The same model (arrays shared, not copied) with <paramref name="labels"/>, one per base function.</summary>
    /// <exception cref="ArgumentException">The count is not K.</exception>
    public PrefModel WithLabels(IReadOnlyList<BaseFunctionLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != 0 && labels.Count != Rank)
        {
            throw new ArgumentException($"One label per base function: K = {Rank}, got {labels.Count}.", nameof(labels));
        }

        return new PrefModel(Method, Rank, Dimension, _v, UserIds, _w, Prior, Featurizer, Spectrum, Clusters, Metrics, Settings, Residual)
        {
            Labels = labels,
        };
    }

    /// <summary>
    /// The same reward model in another basis: with M invertible, shape (K, K) row-major, phi' = M^-1 phi
    /// (V' = M^-1 V and, with a residual MLP, U' = M^-1 U) and every weight vector w' = M^T w (W' = W M; the prior
    /// N(M^T mu, M^T Sigma M); cluster centroids and cluster weights alike), so every user's reward w' . phi' = w . phi
    /// and every margin are unchanged; only what each base function means changes. PReF identifies W and V only up to
    /// such an M. Labels are dropped (they described the old functions); with a non-orthogonal M the clusters' cosine
    /// assignments are not preserved, so a caller with the users refits them.
    /// </summary>
    /// <exception cref="ArgumentException">M is not (K, K) or is singular.</exception>
    public PrefModel ChangeBasis(ReadOnlySpan<double> m)
    {
        int k = Rank, d = Dimension;
        if (m.Length != k * k)
        {
            throw new ArgumentException($"M must have shape (K = {k}, K); got {m.Length} values.", nameof(m));
        }

        var mm = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, m.ToArray()).Transpose(); // row-major in
        // Relative, not absolute: a well-conditioned M of small entries (a scaling by 0.01 in each of 8 functions has
        // determinant 1e-16) is invertible.
        if (mm.Enumerate().Any(x => !double.IsFinite(x)) || mm.ConditionNumber() > 1e12)
        {
            throw new ArgumentException("M must be invertible.", nameof(m));
        }

        var inverse = mm.Inverse();
        float[] Left(ReadOnlySpan<float> x, int columns)
        {
            // M^-1 X for X shape (K, columns): row j is sum_i inv[j, i] X[i, :].
            var result = new float[k * columns];
            for (int j = 0; j < k; j++)
            {
                var target = result.AsSpan(j * columns, columns);
                for (int i = 0; i < k; i++)
                {
                    TensorPrimitives.MultiplyAdd(x.Slice(i * columns, columns), (float)inverse[j, i], target, target);
                }
            }

            return result;
        }

        float[] Right(ReadOnlySpan<float> x, int rows)
        {
            // X M for X shape (rows, K).
            var result = new float[rows * k];
            for (int u = 0; u < rows; u++)
            {
                for (int j = 0; j < k; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < k; i++)
                    {
                        sum += x[u * k + i] * mm[i, j];
                    }

                    result[u * k + j] = (float)sum;
                }
            }

            return result;
        }

        var mu = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(Prior.Mean.ToArray());
        var sigma = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, Prior.Covariance.ToArray()).Transpose();
        var mean = (mm.Transpose() * mu).ToArray();
        var covariance = mm.Transpose() * sigma * mm;
        covariance = 0.5 * (covariance + covariance.Transpose());
        var clusters = Clusters is { } c
            ? new ClusterModel(k, Right(c.Centroids, c.Count), Right(c.ClusterWeights, c.Count), [.. c.Assignments], c.Silhouette)
            : null;
        var residual = Residual is { } res
            ? new ResidualBasis(k, d, res.Hidden, res.H.ToArray(), res.Bias.ToArray(), Left(res.U, res.Hidden))
            : null;
        return new PrefModel(
            Method, k, d, Left(_v, d), UserIds, Right(_w, UserIds.Count), new GaussianPrior(mean, covariance.ToRowMajorArray()), Featurizer,
            Spectrum, clusters, Metrics, Settings, residual);
    }

    /// <summary>The same model with <paramref name="clusters"/> (e.g. refitted after <see cref="ChangeBasis"/>); labels kept.</summary>
    public PrefModel WithClusters(ClusterModel? clusters) =>
        new PrefModel(Method, Rank, Dimension, _v, UserIds, _w, Prior, Featurizer, Spectrum, clusters, Metrics, Settings, Residual)
        {
            Labels = Labels,
        };

    /// <summary>V, shape (K, D).</summary>
    public ReadOnlySpan<float> V => _v;

    /// <summary>W, shape (users, K).</summary>
    public ReadOnlySpan<float> UserWeights => _w;

    /// <summary>The residual MLP U tanh(H e + b) of a neural basis; null for the linear basis phi = V e.</summary>
    public ResidualBasis? Residual { get; }

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

    /// <summary>z = V d_row, the phi-difference of one pair, into z (length K). Linear basis only.</summary>
    /// <exception cref="InvalidOperationException">The model has a residual MLP: use the <see cref="ResponsePairs"/> overload.</exception>
    public void ProjectPair(FeatureMatrix features, int row, Span<float> z)
    {
        CheckFeatures(features);
        RequireLinear("ProjectPair(FeatureMatrix, ...)");
        features.Project(row, _v, Rank, z);
    }

    /// <summary>The phi-differences of the given rows, shape (rows.Length, K): the candidate pool of active queries. Linear basis only.</summary>
    /// <exception cref="InvalidOperationException">The model has a residual MLP: use the <see cref="ResponsePairs"/> overload.</exception>
    public float[] ProjectPairs(FeatureMatrix features, ReadOnlySpan<int> rows)
    {
        CheckFeatures(features);
        RequireLinear("ProjectPairs(FeatureMatrix, ...)");
        var z = new float[rows.Length * Rank];
        for (int i = 0; i < rows.Length; i++)
        {
            features.Project(rows[i], _v, Rank, z.AsSpan(i * Rank, Rank));
        }

        return z;
    }

    /// <summary>
    /// z = phi(e_a) - phi(e_b) for pair <paramref name="pair"/> of <paramref name="pairs"/> (a = First, b = Second), into z
    /// (length K): right for the linear and the residual basis alike.
    /// </summary>
    public void ProjectPair(ResponsePairs pairs, int pair, Span<float> z)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        CheckFeatures(pairs.Embeddings);
        if ((uint)pair >= (uint)pairs.Count || z.Length != Rank)
        {
            throw new ArgumentException($"pair must be in [0, {pairs.Count}) and z of length K = {Rank}; got {pair} and {z.Length}.", nameof(pair));
        }

        Span<float> second = Rank <= 64 ? stackalloc float[Rank] : new float[Rank];
        RewardFeatures(pairs.Embeddings, pairs.First[pair], z);
        RewardFeatures(pairs.Embeddings, pairs.Second[pair], second);
        TensorPrimitives.Subtract(z, second, z);
    }

    /// <summary>phi(e_a) - phi(e_b) for the given pairs, shape (rows.Length, K): the candidate pool of active queries.</summary>
    public float[] ProjectPairs(ResponsePairs pairs, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var z = new float[rows.Length * Rank];
        for (int i = 0; i < rows.Length; i++)
        {
            ProjectPair(pairs, rows[i], z.AsSpan(i * Rank, Rank));
        }

        return z;
    }

    /// <summary>phi(x, y) = V e (+ U tanh(H e + b) with a residual) for one dense response embedding e (length D), into phi (length K).</summary>
    public void RewardFeatures(ReadOnlySpan<float> embedding, Span<float> phi)
    {
        if (embedding.Length != Dimension || phi.Length != Rank)
        {
            throw new ArgumentException($"embedding must have length D = {Dimension} and phi length K = {Rank}.", nameof(embedding));
        }

        for (int j = 0; j < Rank; j++)
        {
            phi[j] = TensorPrimitives.Dot(_v.AsSpan(j * Dimension, Dimension), embedding);
        }

        if (Residual is { } residual)
        {
            float[] buffer = ArrayPool<float>.Shared.Rent(residual.Hidden);
            try
            {
                Span<float> a = buffer.AsSpan(0, residual.Hidden);
                residual.Activations(embedding, a);
                residual.AddResidual(a, phi);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>phi for row <paramref name="row"/> of a response-embedding matrix (shape (n, D), dense or CSR), into phi (length K).</summary>
    public void RewardFeatures(FeatureMatrix embeddings, int row, Span<float> phi)
    {
        CheckFeatures(embeddings);
        embeddings.Project(row, _v, Rank, phi);
        if (Residual is { } residual)
        {
            float[] buffer = ArrayPool<float>.Shared.Rent(residual.Hidden);
            try
            {
                Span<float> a = buffer.AsSpan(0, residual.Hidden);
                residual.Activations(embeddings, row, a);
                residual.AddResidual(a, phi);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// u = V^T w (length D) for user weights w (length K): the user's reward as one linear function of the embedding,
    /// r_u(e) = u . e. Cache it per user when scoring repeatedly; <see cref="Rewards(ReadOnlySpan{float}, FeatureMatrix, Span{float})"/>
    /// computes it on every call. Linear basis only: with a residual MLP the reward is not linear in e.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has a residual MLP.</exception>
    public void FoldUserWeights(ReadOnlySpan<float> userWeights, Span<float> folded)
    {
        RequireLinear(nameof(FoldUserWeights));
        FoldLinear(userWeights, folded);
    }

    private void FoldLinear(ReadOnlySpan<float> userWeights, Span<float> folded)
    {
        CheckUserWeights(userWeights);
        if (folded.Length != Dimension)
        {
            throw new ArgumentException($"folded must have length D = {Dimension}; got {folded.Length}.", nameof(folded));
        }

        folded.Clear();
        for (int j = 0; j < Rank; j++)
        {
            TensorPrimitives.MultiplyAdd(_v.AsSpan(j * Dimension, Dimension), userWeights[j], folded, folded);
        }
    }

    /// <summary>
    /// Batch scoring: rewards[i] = w . V e_i for n responses, computed as e_i . u with u = V^T w folded once, so each
    /// response costs one D-long dot instead of K of them. With a residual MLP, rewards[i] = e_i . u + c . tanh(H e_i + b)
    /// with c = U^T w folded once too (h + 1 dots of length D per response).
    /// </summary>
    /// <param name="userWeights">w, length K (a row of W or a posterior mean).</param>
    /// <param name="embeddings">Response embeddings e_i, shape (n, D), dense or CSR.</param>
    /// <param name="rewards">Output, length n.</param>
    public void Rewards(ReadOnlySpan<float> userWeights, FeatureMatrix embeddings, Span<float> rewards)
    {
        CheckFeatures(embeddings);
        if (rewards.Length != embeddings.Rows)
        {
            throw new ArgumentException($"rewards must have one value per embedding row ({embeddings.Rows}); got {rewards.Length}.", nameof(rewards));
        }

        float[] folded = ArrayPool<float>.Shared.Rent(Dimension);
        try
        {
            Span<float> u = folded.AsSpan(0, Dimension);
            FoldLinear(userWeights, u);
            for (int i = 0; i < rewards.Length; i++)
            {
                rewards[i] = embeddings.Dot(i, u);
            }

            if (Residual is { } residual)
            {
                AddResidualRewards(residual, userWeights, embeddings, rewards);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(folded);
        }
    }

    /// <summary>Batch scoring for training user <paramref name="user"/> (a row of W); see the overload taking w.</summary>
    public void Rewards(int user, FeatureMatrix embeddings, Span<float> rewards)
    {
        if ((uint)user >= (uint)UserIds.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(user), user, $"user must be a row of W in [0, {UserIds.Count}).");
        }

        Rewards(GetUserWeights(user), embeddings, rewards);
    }

    /// <summary>
    /// Posterior standard deviations of the rewards, sd_i = sqrt(phi_i^T Sigma phi_i) with phi_i = phi(e_i), for a posterior
    /// covariance Sigma (shape (K, K), e.g. <see cref="UserPosterior.Covariance"/>). Costs K * D per response (phi_i
    /// cannot be folded away), plus K^2.
    /// </summary>
    /// <param name="covariance">Sigma, shape (K, K) row-major, symmetric positive semi-definite.</param>
    /// <param name="embeddings">Response embeddings e_i, shape (n, D).</param>
    /// <param name="standardDeviations">Output, length n.</param>
    public void RewardStandardDeviations(ReadOnlySpan<double> covariance, FeatureMatrix embeddings, Span<float> standardDeviations)
    {
        CheckFeatures(embeddings);
        if (covariance.Length != Rank * Rank || standardDeviations.Length != embeddings.Rows)
        {
            throw new ArgumentException(
                $"covariance must have shape (K, K) = {Rank * Rank} values and the output one value per embedding row ({embeddings.Rows}); got {covariance.Length} and {standardDeviations.Length}.",
                nameof(covariance));
        }

        Span<float> phi = Rank <= 64 ? stackalloc float[Rank] : new float[Rank];
        for (int i = 0; i < standardDeviations.Length; i++)
        {
            RewardFeatures(embeddings, i, phi);
            double variance = 0.0;
            for (int a = 0; a < Rank; a++)
            {
                double row = 0.0;
                for (int b = 0; b < Rank; b++)
                {
                    row += covariance[a * Rank + b] * phi[b];
                }

                variance += phi[a] * row;
            }

            // A semi-definite Sigma can give a tiny negative variance through rounding.
            standardDeviations[i] = (float)Math.Sqrt(Math.Max(variance, 0.0));
        }
    }

    /// <summary>
    /// m_i = w_{u_i} . z_i, with z_i = V d_{p_i} for the linear basis and z_i = phi(e_a) - phi(e_b) from
    /// <see cref="ComparisonSet.Responses"/> with a residual MLP.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has a residual MLP and data carries no <see cref="ComparisonSet.Responses"/>.</exception>
    public void PredictMargins(ComparisonSet data, Span<float> margins)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data.Features);
        if (margins.Length != data.Count || data.UserCount > UserIds.Count)
        {
            throw new ArgumentException($"margins must have length {data.Count}, and the data's {data.UserCount} users must be rows of W ({UserIds.Count}).", nameof(margins));
        }

        Span<float> z = stackalloc float[Rank];
        if (Residual is not null)
        {
            ResponsePairs responses = data.Responses ?? throw new InvalidOperationException(
                "This model has a residual MLP: its margins need each pair's two response embeddings (ComparisonSet.FromResponses), not differences d.");
            for (int i = 0; i < data.Count; i++)
            {
                ProjectPair(responses, data.Pairs[i], z);
                margins[i] = TensorPrimitives.Dot(GetUserWeights(data.Users[i]), z);
            }

            return;
        }

        for (int i = 0; i < data.Count; i++)
        {
            data.Features.Project(data.Pairs[i], _v, Rank, z);
            margins[i] = TensorPrimitives.Dot(GetUserWeights(data.Users[i]), z);
        }
    }

    private static void AddResidualRewards(ResidualBasis residual, ReadOnlySpan<float> userWeights, FeatureMatrix embeddings, Span<float> rewards)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(2 * residual.Hidden);
        try
        {
            Span<float> c = buffer.AsSpan(0, residual.Hidden);
            Span<float> a = buffer.AsSpan(residual.Hidden, residual.Hidden);
            residual.FoldUserWeights(userWeights, c);
            for (int i = 0; i < rewards.Length; i++)
            {
                residual.Activations(embeddings, i, a);
                rewards[i] += TensorPrimitives.Dot(c, a);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private void RequireLinear(string api)
    {
        if (Residual is not null)
        {
            throw new InvalidOperationException(
                $"{api} works on pair differences d, which a basis with a residual MLP cannot score (phi(a) - phi(b) is not V d): use the ResponsePairs overloads or per-response embeddings.");
        }
    }

    private void CheckUserWeights(ReadOnlySpan<float> userWeights)
    {
        if (userWeights.Length != Rank)
        {
            throw new ArgumentException($"userWeights must have length K = {Rank}; got {userWeights.Length}.", nameof(userWeights));
        }

        if (!TensorPrimitives.IsFiniteAll(userWeights))
        {
            throw new ArgumentException("userWeights must be finite.", nameof(userWeights));
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
