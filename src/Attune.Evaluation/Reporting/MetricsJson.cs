using System.Globalization;
using System.Text.Json;
using Attune.Evaluation.Results;

namespace Attune.Evaluation.Reporting;

/// <summary>Writes every number of a result as JSON (NaN as null): settings, summaries per (method, m), per-seed values, targets.</summary>
public static class MetricsJson
{
    /// <summary>The JSON document.</summary>
    public static string Write(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("dataset", result.Dataset);
            w.WriteString("description", result.Description);
            w.WriteString("loader_settings", result.LoaderSettings);
            w.WriteBoolean("quick", result.Quick);
            w.WriteString("hardware", result.Hardware);
            Number(w, "total_seconds", result.TotalSeconds);
            w.WriteBoolean("simulated_new_users", result.SimulatedNewUsers);
            w.WriteString("new_user_questions", result.Options.Questions.ToString());
            w.WriteString("new_user_scoring", result.Options.Scoring.ToString());
            w.WriteStartArray("answer_counts");
            foreach (var m in result.Options.AnswerCounts)
            {
                w.WriteNumberValue(m);
            }

            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var note in result.Notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            w.WriteStartObject("summary");
            foreach (var method in result.Methods)
            {
                w.WriteStartObject(method);
                foreach (var m in result.Options.AnswerCounts)
                {
                    w.WriteStartObject(m.ToString(CultureInfo.InvariantCulture));
                    SummaryObject(w, "auc", result.Cell(method, m, c => c.Auc));
                    SummaryObject(w, "accuracy", result.Cell(method, m, c => c.Accuracy));
                    SummaryObject(w, "log_loss", result.Cell(method, m, c => c.LogLoss));
                    SummaryObject(w, "ece", result.Cell(method, m, c => c.Ece));
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("best_of_n_win_rate");
            foreach (var m in result.Options.AnswerCounts)
            {
                SummaryObject(w, m.ToString(CultureInfo.InvariantCulture), Summary.Of(result.Seeds.Select(s => s.BestOfNWinRate.GetValueOrDefault(m, double.NaN))));
            }

            w.WriteEndObject();
            w.WriteStartArray("seeds");
            foreach (var seed in result.Seeds)
            {
                SeedObject(w, seed);
            }

            w.WriteEndArray();
            w.WriteStartArray("init_study");
            foreach (var row in result.InitStudy)
            {
                w.WriteStartObject();
                w.WriteNumber("trainer_seed", row.TrainerSeed);
                Number(w, "svd_init_auc", row.SvdInitAuc);
                Number(w, "random_init_auc", row.RandomInitAuc);
                w.WriteNumber("svd_init_rank", row.SvdInitRank);
                w.WriteNumber("random_init_rank", row.RandomInitRank);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("targets");
            foreach (var check in TargetChecks.For(result))
            {
                w.WriteStartObject();
                w.WriteString("name", check.Name);
                if (check.Met is bool met)
                {
                    w.WriteBoolean("met", met);
                }
                else
                {
                    w.WriteNull("met");
                }

                w.WriteString("detail", check.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void SeedObject(Utf8JsonWriter w, SeedResult seed)
    {
        w.WriteStartObject();
        w.WriteNumber("seed", seed.Seed);
        w.WriteNumber("attune_rank", seed.AttuneRank);
        w.WriteNumber("reward_features_rank", seed.JointRank);
        NullableInt(w, "true_rank", seed.TrueRank);
        NullableInt(w, "elbow_rank", seed.ElbowRank);
        w.WriteStartArray("spectrum");
        foreach (var s in seed.Spectrum)
        {
            w.WriteNumberValue(s);
        }

        w.WriteEndArray();
        w.WriteString("initialization", seed.AttuneInitialization);
        w.WriteString("initialization_reason", seed.InitializationReason);
        w.WriteNumber("clusters", seed.Clusters);
        Number(w, "seen_users_auc_attune", seed.SeenUsersAucAttune);
        Number(w, "seen_users_auc_reward_features", seed.SeenUsersAucJoint);
        w.WriteNumber("train_users", seed.TrainUsers);
        w.WriteNumber("new_users", seed.NewUsers);
        w.WriteNumber("train_comparisons", seed.TrainComparisons);
        w.WriteNumber("capped_new_users", seed.CappedNewUsers);
        Number(w, "mean_calibration_pool", seed.MeanCalibrationPool);
        Number(w, "attune_train_seconds", seed.AttuneSeconds);
        Number(w, "reward_features_train_seconds", seed.JointSeconds);
        Number(w, "seconds", seed.Seconds);
        w.WriteStartObject("methods");
        foreach (var (name, facts) in seed.Methods.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(name);
            w.WriteNumber("rank", facts.Rank);
            Number(w, "train_seconds", facts.TrainSeconds);
            Number(w, "seen_users_auc", facts.SeenUsersAuc);
            w.WriteString("featurizer", facts.Featurizer);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("curves");
        foreach (var (method, byM) in seed.Curves.OrderBy(c => MethodOrder.Rank(c.Key)))
        {
            w.WriteStartObject(method);
            foreach (var (m, cell) in byM.OrderBy(c => c.Key))
            {
                w.WriteStartObject(m.ToString(CultureInfo.InvariantCulture));
                Number(w, "auc", cell.Auc);
                Number(w, "accuracy", cell.Accuracy);
                Number(w, "log_loss", cell.LogLoss);
                Number(w, "ece", cell.Ece);
                w.WriteNumber("users", cell.Users);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("best_of_n_win_rate");
        foreach (var (m, rate) in seed.BestOfNWinRate.OrderBy(r => r.Key))
        {
            Number(w, m.ToString(CultureInfo.InvariantCulture), rate);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void SummaryObject(Utf8JsonWriter w, string name, Summary s)
    {
        w.WriteStartObject(name);
        Number(w, "mean", s.Mean);
        Number(w, "sd", s.Sd);
        w.WriteNumber("n", s.Count);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void NullableInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
