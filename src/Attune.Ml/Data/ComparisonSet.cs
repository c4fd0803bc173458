namespace Attune.Ml.Data;

/// <summary>
/// Pairwise feedback: comparison i says user <c>Users[i]</c> judged pair <c>Pairs[i]</c> (a row of <see cref="Features"/>)
/// with preference <c>Preferences[i]</c> in [0, 1]: 1 = the first response preferred, 0 = the second, 0.5 = a tie, soft
/// values allowed. <c>Weights[i]</c> (default 1) scales the comparison's term in every loss.
/// </summary>
/// <remarks>
/// All arrays are checked up front and not copied. A comparison whose pair has d = 0 (identical responses) is rejected:
/// its margin is 0 for every model, so it carries no information and would only pull predictions towards 0.5; filter such
/// pairs with <see cref="FeatureMatrix.IsZeroRow"/> before building the set.
/// <para>A set built with <see cref="FromResponses"/> also carries <see cref="Responses"/>, the per-response embeddings of
/// each pair, which a model with a nonlinear basis needs (phi(x, a) - phi(x, b) is then not a function of d alone).</para>
/// </remarks>
public sealed class ComparisonSet
{
    private readonly int[] _users;
    private readonly int[] _pairs;
    private readonly float[] _preferences;
    private readonly float[] _weights;

    /// <summary>Checks and wraps the arrays (all of length n = comparisons).</summary>
    /// <param name="features">Pair feature differences, shape (pairs, D).</param>
    /// <param name="userCount">Number of users; user indices lie in [0, userCount).</param>
    /// <param name="users">User index per comparison, length n.</param>
    /// <param name="pairs">Pair (row of features) per comparison, length n.</param>
    /// <param name="preferences">Preference for the first response per comparison, in [0, 1], length n.</param>
    /// <param name="weights">Optional non-negative weight per comparison, length n; null means all 1.</param>
    /// <param name="userIds">Optional external user ids, length userCount; null means "0", "1", ...</param>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths, an index out of range, a NaN or out-of-range
    /// preference or weight, a zero feature row, or duplicate user ids.</exception>
    public ComparisonSet(
        FeatureMatrix features, int userCount, int[] users, int[] pairs, float[] preferences,
        float[]? weights = null, IReadOnlyList<string>? userIds = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(preferences);
        if (userCount < 1)
        {
            throw new ArgumentException($"userCount must be >= 1; got {userCount}.", nameof(userCount));
        }

        if (users.Length == 0)
        {
            throw new ArgumentException("The comparison set is empty: at least one comparison is needed.", nameof(users));
        }

        int n = users.Length;
        CheckLength(pairs.Length, n, nameof(pairs));
        CheckLength(preferences.Length, n, nameof(preferences));
        if (weights is not null)
        {
            CheckLength(weights.Length, n, nameof(weights));
        }

        for (int i = 0; i < n; i++)
        {
            if ((uint)users[i] >= (uint)userCount)
            {
                throw new ArgumentException($"users[{i}] = {users[i]} is outside [0, {userCount}).", nameof(users));
            }

            if ((uint)pairs[i] >= (uint)features.Rows)
            {
                throw new ArgumentException($"pairs[{i}] = {pairs[i]} is outside [0, {features.Rows}).", nameof(pairs));
            }

            float y = preferences[i];
            if (!(y >= 0f && y <= 1f))
            {
                throw new ArgumentException($"preferences[{i}] = {y}; preferences must lie in [0, 1] (NaN rejected).", nameof(preferences));
            }

            if (weights is not null && !(weights[i] >= 0f && float.IsFinite(weights[i])))
            {
                throw new ArgumentException($"weights[{i}] = {weights[i]}; weights must be finite and >= 0.", nameof(weights));
            }
        }

        CheckZeroRows(features, pairs);
        UserIds = BuildUserIds(userCount, userIds);
        Features = features;
        UserCount = userCount;
        _users = users;
        _pairs = pairs;
        _preferences = preferences;
        _weights = weights ?? CreateOnes(n);
    }

    private ComparisonSet(ComparisonSet source, int[] users, int[] pairs, float[] preferences, float[] weights)
    {
        Features = source.Features;
        Responses = source.Responses;
        UserCount = source.UserCount;
        UserIds = source.UserIds;
        _users = users;
        _pairs = pairs;
        _preferences = preferences;
        _weights = weights;
    }

    /// <summary>Pair feature differences, shape (pairs, D).</summary>
    public FeatureMatrix Features { get; }

    /// <summary>
    /// The responses of each pair (row p of <see cref="Features"/> is e(First[p]) - e(Second[p])), when the set was built
    /// with <see cref="FromResponses"/>; null for a set built from differences only.
    /// </summary>
    public ResponsePairs? Responses { get; private init; }

    /// <summary>Number of users.</summary>
    public int UserCount { get; }

    /// <summary>External user ids, length <see cref="UserCount"/>.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>Number of comparisons n.</summary>
    public int Count => _users.Length;

    /// <summary>User index per comparison, length n.</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>Pair index per comparison, length n.</summary>
    public ReadOnlySpan<int> Pairs => _pairs;

    /// <summary>Preference for the first response, in [0, 1], length n.</summary>
    public ReadOnlySpan<float> Preferences => _preferences;

    /// <summary>Weight per comparison, length n (all 1 when none were given).</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>
    /// A set over pairs of per-response embeddings: the differences d_p = e(First[p]) - e(Second[p]) become
    /// <see cref="Features"/> (see <see cref="ResponsePairs.Differences"/>) and the responses stay in <see cref="Responses"/>;
    /// <paramref name="pairs"/> index the pairs of <paramref name="responses"/>. Same checks as the constructor.
    /// </summary>
    public static ComparisonSet FromResponses(
        ResponsePairs responses, int userCount, int[] users, int[] pairs, float[] preferences,
        float[]? weights = null, IReadOnlyList<string>? userIds = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        return new ComparisonSet(responses.Differences(), userCount, users, pairs, preferences, weights, userIds) { Responses = responses };
    }

    /// <summary>The comparisons at the given indices (same features, users and ids); an empty selection is rejected.</summary>
    public ComparisonSet Subset(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty)
        {
            throw new ArgumentException("A subset needs at least one comparison.", nameof(indices));
        }

        var users = new int[indices.Length];
        var pairs = new int[indices.Length];
        var preferences = new float[indices.Length];
        var weights = new float[indices.Length];
        for (int j = 0; j < indices.Length; j++)
        {
            int i = indices[j];
            if ((uint)i >= (uint)Count)
            {
                throw new ArgumentException($"indices[{j}] = {i} is outside [0, {Count}).", nameof(indices));
            }

            users[j] = _users[i];
            pairs[j] = _pairs[i];
            preferences[j] = _preferences[i];
            weights[j] = _weights[i];
        }

        return new ComparisonSet(this, users, pairs, preferences, weights);
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {expected} (one per comparison).", name);
        }
    }

    private static void CheckZeroRows(FeatureMatrix features, int[] pairs)
    {
        var checkedRows = new Dictionary<int, bool>();
        for (int i = 0; i < pairs.Length; i++)
        {
            int p = pairs[i];
            if (!checkedRows.TryGetValue(p, out bool zero))
            {
                zero = features.IsZeroRow(p);
                checkedRows[p] = zero;
            }

            if (zero)
            {
                throw new ArgumentException(
                    $"pairs[{i}] = {p} has d = 0 (identical responses): it carries no preference information; drop it.",
                    nameof(pairs));
            }
        }
    }

    private static string[] BuildUserIds(int userCount, IReadOnlyList<string>? userIds)
    {
        var ids = new string[userCount];
        if (userIds is null)
        {
            for (int u = 0; u < userCount; u++)
            {
                ids[u] = u.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return ids;
        }

        if (userIds.Count != userCount)
        {
            throw new ArgumentException($"userIds has {userIds.Count} entries; expected userCount = {userCount}.", nameof(userIds));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int u = 0; u < userCount; u++)
        {
            ids[u] = userIds[u] ?? throw new ArgumentException($"userIds[{u}] is null.", nameof(userIds));
            if (!seen.Add(ids[u]))
            {
                throw new ArgumentException($"userIds contains '{ids[u]}' twice.", nameof(userIds));
            }
        }

        return ids;
    }

    private static float[] CreateOnes(int n)
    {
        var ones = new float[n];
        Array.Fill(ones, 1f);
        return ones;
    }
}
