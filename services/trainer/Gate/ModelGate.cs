using System.Text.Json;
using System.Text.Json.Serialization;
using Attune.Ml.Data;
using Attune.Ml.Metrics;
using Attune.Ml.Models;
using Attune.Ml.Users;
using Attune.Storage;
using Attune.Text;

namespace Attune.Trainer.Gate;

/// <summary>The gate's verdict and figures, stored with the candidate (as JSON) and returned by GetModel.</summary>
public sealed record GateResult
{
    [JsonPropertyName("passed")] public required bool Passed { get; init; }

    [JsonPropertyName("verdict")] public required string Verdict { get; init; }

    [JsonPropertyName("against_version")] public long AgainstVersion { get; init; }

    [JsonPropertyName("users")] public int Users { get; init; }

    [JsonPropertyName("comparisons")] public long Comparisons { get; init; }

    [JsonPropertyName("candidate_macro_auc")] public double CandidateMacroAuc { get; init; }

    [JsonPropertyName("active_macro_auc")] public double ActiveMacroAuc { get; init; }

    [JsonPropertyName("candidate_macro_log_loss")] public double CandidateMacroLogLoss { get; init; }

    [JsonPropertyName("active_macro_log_loss")] public double ActiveMacroLogLoss { get; init; }

    [JsonPropertyName("auc_tolerance")] public double AucTolerance { get; init; }

    [JsonPropertyName("log_loss_tolerance")] public double LogLossTolerance { get; init; }

    [JsonPropertyName("dropped")] public Dictionary<string, long> Dropped { get; init; } = [];

    /// <summary>As stored with the model.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads <see cref="ToJson"/>'s output; null for null or malformed text.</summary>
    public static GateResult? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<GateResult>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The promotion gate: scores a candidate and the model in force on the same held-out comparisons, per user, and
/// decides. For each user with at least <see cref="GateOptions.MinUserComparisons"/> held-out comparisons, each model
/// fits that user's weights from the user's training comparisons (newest <see cref="GateOptions.MaxUserFitComparisons"/>)
/// exactly as the adapter onboards a user (Newton on the model's prior, <see cref="NewUserFitter"/>), predicts the
/// held-out ones (Laplace predictive margin), and scores them: AUC over the user's non-tied comparisons (users whose
/// held-out answers all agree have no AUC and count in log-loss only) and log-loss. The macro figures average users, so
/// each user weighs the same however much feedback they gave. A candidate passes when it is not worse beyond the
/// tolerances, was trained on at least <see cref="GateOptions.MinNewComparisons"/> usable comparisons more than the
/// model in force, and is better by <see cref="GateOptions.MinImprovement"/> with a paired z statistic over users of at
/// least <see cref="GateOptions.MinGainZ"/>.
/// </summary>
public static class ModelGate
{
    /// <summary>Decides on <paramref name="candidate"/> against <paramref name="active"/> (null: nothing in force).</summary>
    /// <param name="candidate">The candidate model (with or without its training users).</param>
    /// <param name="active">The model in force, and its version; null when none is.</param>
    /// <param name="training">The comparisons the models may use to fit users (not held out).</param>
    /// <param name="heldOut">The held-out comparisons.</param>
    /// <param name="options">Tolerances and sizes.</param>
    /// <param name="dropped">What training-data hygiene dropped, by reason, reported with the verdict.</param>
    /// <param name="newComparisons">Usable training comparisons the candidate has beyond the model in force's.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    public static GateResult Evaluate(
        PrefModel candidate, (PrefModel Model, long Version)? active, IReadOnlyList<TrainingComparison> training,
        IReadOnlyList<TrainingComparison> heldOut, GateOptions options, IReadOnlyDictionary<string, long> dropped,
        long newComparisons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(options);
        var users = SelectUsers(training, heldOut, options);
        var comparisons = users.Sum(u => (long)u.HeldOut.Count);
        var candidateScores = Score(candidate, users, cancellationToken);
        var candidateScore = (Auc: candidateScores.MacroAuc, LogLoss: candidateScores.MacroLogLoss);
        var baseline = new GateResult
        {
            Passed = false,
            Verdict = "",
            Users = users.Count,
            Comparisons = comparisons,
            CandidateMacroAuc = candidateScore.Auc,
            CandidateMacroLogLoss = candidateScore.LogLoss,
            AucTolerance = options.AucTolerance,
            LogLossTolerance = options.LogLossTolerance,
            Dropped = dropped.ToDictionary(),
        };
        if (active is not { } inForce)
        {
            return baseline with
            {
                Passed = true,
                Verdict = $"first model: nothing in force to compare with (held-out macro AUC {F(candidateScore.Auc)} over {users.Count} users)",
            };
        }

        var activeScores = Score(inForce.Model, users, cancellationToken);
        var activeScore = (Auc: activeScores.MacroAuc, LogLoss: activeScores.MacroLogLoss);
        var result = baseline with
        {
            AgainstVersion = inForce.Version,
            ActiveMacroAuc = activeScore.Auc,
            ActiveMacroLogLoss = activeScore.LogLoss,
        };
        if (newComparisons < options.MinNewComparisons)
        {
            return result with
            {
                Verdict = $"nothing new to learn: the training set has {newComparisons} usable comparisons more than version " +
                          $"{inForce.Version}'s (at least {options.MinNewComparisons} needed, Trainer:Gate:MinNewComparisons)",
            };
        }

        if (users.Count == 0)
        {
            return result with
            {
                Verdict = $"no user has {options.MinUserComparisons} held-out comparisons: the candidate cannot be compared with version {inForce.Version}",
            };
        }

        var aucGain = candidateScore.Auc - activeScore.Auc;
        var lossGain = activeScore.LogLoss - candidateScore.LogLoss;
        var figures = $"macro AUC {F(candidateScore.Auc)} vs {F(activeScore.Auc)}, log-loss {F(candidateScore.LogLoss)} vs " +
                      $"{F(activeScore.LogLoss)} of version {inForce.Version}, {users.Count} users, {comparisons} held-out comparisons";
        if (-aucGain > options.AucTolerance || -lossGain > options.LogLossTolerance)
        {
            return result with { Verdict = $"worse than the model in force: {figures}" };
        }

        // Better means a gain of at least MinImprovement that holds across users (paired over users, z >= MinGainZ), so a
        // retrain whose figures moved by chance does not replace the model in force.
        var (_, aucZ) = Paired(candidateScores.Auc, activeScores.Auc);
        var (_, lossZ) = Paired(activeScores.LogLoss, candidateScores.LogLoss);
        var significant = (aucGain >= options.MinImprovement && aucZ >= options.MinGainZ)
                          || (lossGain >= options.MinImprovement && lossZ >= options.MinGainZ);
        if (!significant)
        {
            return result with
            {
                Verdict = $"no better than the model in force (a gain of {options.MinImprovement} with z >= {options.MinGainZ} over users " +
                          $"needed; AUC z {F(aucZ)}, log-loss z {F(lossZ)}): {figures}",
            };
        }

        return result with { Passed = true, Verdict = $"better: {figures}" };
    }

    private static string F(double value) => value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);

    private static List<UserSlice> SelectUsers(
        IReadOnlyList<TrainingComparison> training, IReadOnlyList<TrainingComparison> heldOut, GateOptions options)
    {
        var fit = training.Where(Usable).GroupBy(c => c.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Sequence).Take(options.MaxUserFitComparisons).ToList(), StringComparer.Ordinal);
        return [.. heldOut.Where(Usable).GroupBy(c => c.UserId, StringComparer.Ordinal)
            .Where(g => g.Count() >= options.MinUserComparisons)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UserSlice(g.Key, fit.GetValueOrDefault(g.Key) ?? [], [.. g]))];
    }

    private static bool Usable(TrainingComparison c) => !string.Equals(c.ResponseA, c.ResponseB, StringComparison.Ordinal);

    /// <summary>Each user's AUC (NaN when all their held-out answers agree) and log-loss, in <paramref name="users"/>' order.</summary>
    private static UserScores Score(PrefModel model, List<UserSlice> users, CancellationToken cancellationToken)
    {
        var auc = new double[users.Count];
        var loss = new double[users.Count];
        if (users.Count == 0)
        {
            return new UserScores(auc, loss);
        }

        var featurizer = FeaturizerFactory.FromDescription(model.Featurizer);
        var features = new Dictionary<(string, string), SparseVector>();
        Prefetch(featurizer, features, users.SelectMany(u => u.Fit.Concat(u.HeldOut)));
        var mean = new double[model.Rank];
        var covariance = new double[model.Rank * model.Rank];
        for (var u = 0; u < users.Count; u++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = users[u];
            var fitZ = Project(model, featurizer, features, user.Fit);
            var fitY = user.Fit.Select(c => (float)c.Preference).ToArray();
            NewUserFitter.Fit(model.Prior, fitZ, fitY, default, mean, covariance);
            var z = Project(model, featurizer, features, user.HeldOut);
            var y = user.HeldOut.Select(c => (float)c.Preference).ToArray();
            var margins = new float[y.Length];
            PredictiveMargin.Of(mean, covariance, z, margins);
            var probabilities = new float[y.Length];
            BinaryMetrics.ToProbabilities(margins, probabilities);
            loss[u] = BinaryMetrics.LogLoss(probabilities, y);
            auc[u] = BinaryMetrics.Auc(margins, y);
        }

        return new UserScores(auc, loss);
    }

    /// <summary>
    /// The mean of the paired per-user differences and its z statistic (mean over its standard error); users with a NaN
    /// on either side are left out. Zero when fewer than two users remain.
    /// </summary>
    private static (double Mean, double Z) Paired(double[] better, double[] worse)
    {
        var d = better.Zip(worse, (b, w) => b - w).Where(double.IsFinite).ToArray();
        if (d.Length < 2)
        {
            return (d.Length == 1 ? d[0] : 0, 0);
        }

        var mean = d.Average();
        var sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (d.Length - 1));
        return (mean, sd > 0 ? mean / (sd / Math.Sqrt(d.Length)) : mean > 0 ? double.PositiveInfinity : 0);
    }

    private sealed record UserScores(double[] Auc, double[] LogLoss)
    {
        public double MacroAuc => Auc.Any(double.IsFinite) ? Auc.Where(double.IsFinite).Average() : 0.5;

        public double MacroLogLoss => LogLoss.Length > 0 ? LogLoss.Average() : 0;
    }

    /// <summary>
    /// z = phi(x, a) - phi(x, b) of each comparison, shape (n, K), from both responses' embeddings
    /// (<see cref="PrefModel.ProjectPairs(ResponsePairs, ReadOnlySpan{int})"/>): right for a linear model (V e(a) - V e(b))
    /// and for one with a residual MLP, whose phi is not a function of e(a) - e(b). Responses not in
    /// <paramref name="cache"/> are featurized in one batch.
    /// </summary>
    internal static float[] Project(
        PrefModel model, IFeaturizer featurizer, Dictionary<(string, string), SparseVector> cache, List<TrainingComparison> comparisons)
    {
        if (comparisons.Count == 0)
        {
            return [];
        }

        Prefetch(featurizer, cache, comparisons);
        var pairs = Training.TrainingSetBuilder.Responses(
            comparisons.Select(c => (c.Prompt, c.ResponseA, c.ResponseB)), cache, featurizer.Dimension);
        return model.ProjectPairs(pairs, Enumerable.Range(0, comparisons.Count).ToArray());
    }

    /// <summary>Featurizes every response of <paramref name="comparisons"/> not yet in <paramref name="cache"/>, in batches.</summary>
    private static void Prefetch(IFeaturizer featurizer, Dictionary<(string, string), SparseVector> cache, IEnumerable<TrainingComparison> comparisons)
    {
        var missing = comparisons
            .SelectMany(c => new[] { new TextPair(c.Prompt, c.ResponseA), new TextPair(c.Prompt, c.ResponseB) })
            .Where(t => !cache.ContainsKey((t.Prompt, t.Response)))
            .Distinct()
            .ToList();
        for (var start = 0; start < missing.Count; start += Training.TrainingSetBuilder.BatchSize)
        {
            var batch = missing.GetRange(start, Math.Min(Training.TrainingSetBuilder.BatchSize, missing.Count - start));
            var vectors = featurizer.FeaturizeBatchAsync(batch).GetAwaiter().GetResult();
            for (var i = 0; i < batch.Count; i++)
            {
                cache[(batch[i].Prompt, batch[i].Response)] = vectors[i];
            }
        }
    }

    private sealed record UserSlice(string UserId, List<TrainingComparison> Fit, List<TrainingComparison> HeldOut);
}
