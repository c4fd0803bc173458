using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.Trainer.Models;

/// <summary>
/// The JSON object stored with each model version (<c>IModelStore</c> metadata): enough for ListModels and the retraining
/// thresholds without reading the model bytes.
/// </summary>
public sealed record ModelMetadata
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>K.</summary>
    public int K { get; init; }

    /// <summary>Users with training comparisons.</summary>
    public int Users { get; init; }

    /// <summary>Comparisons trained on (after skipping uninformative ones).</summary>
    public long Comparisons { get; init; }

    /// <summary>Distinct pairs.</summary>
    public int Pairs { get; init; }

    /// <summary>Highest training-data sequence number included: feedback above it is "new" for retraining.</summary>
    public long Watermark { get; init; }

    /// <summary>The job that trained it.</summary>
    public string JobId { get; init; } = "";

    /// <summary>The featurizer's description.</summary>
    public string Featurizer { get; init; } = "";

    /// <summary>Wall-clock seconds of the training itself.</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>Refinement rounds of the chosen K.</summary>
    public int Iterations { get; init; }

    /// <summary>How V and W were initialised, and why a fallback was taken.</summary>
    public string Initialization { get; init; } = "";

    /// <summary>Attune.Ml's metrics (validation_auc, validation_accuracy, validation_log_loss, validation_ece, train_loss, ...).</summary>
    public Dictionary<string, double> Metrics { get; init; } = [];

    /// <summary>What training-data hygiene set aside, by reason (<c>held_out</c>, <c>repeat</c>, <c>user_share</c>).</summary>
    public Dictionary<string, long> Dropped { get; init; } = [];

    /// <summary>The metric, or 0 when absent or not finite.</summary>
    public double Metric(string name) => Metrics.TryGetValue(name, out var v) && double.IsFinite(v) ? v : 0;

    /// <summary>Serializes to the stored JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses stored JSON; a version stored by other means gives empty metadata rather than failing.</summary>
    public static ModelMetadata Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelMetadata>(json, Json) ?? new ModelMetadata();
        }
        catch (JsonException)
        {
            return new ModelMetadata();
        }
    }
}
