using System.Text.Json;
using Attune.Ml.Models;

namespace Attune.Cli.Commands;

/// <summary>
/// Local stand-in for the model file of Attune.Ml (not committed yet when this command was written): the trained
/// <see cref="PrefModel"/> as one JSON document (format "attune-model-json/local-v1": method, K, D, featurizer, V shape
/// (K, D) and W shape (users, K) row-major, user ids, prior, spectrum, clusters, metrics, settings). Replace with the
/// numeric layer's writer once it exists.
/// </summary>
internal static class LocalModelFileWriter
{
    public static void Write(PrefModel model, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("format", "attune-model-json/local-v1");
        w.WriteString("method", model.Method);
        w.WriteNumber("rank", model.Rank);
        w.WriteNumber("dimension", model.Dimension);
        w.WriteString("featurizer", model.Featurizer);
        Array(w, "v", model.V);
        w.WriteStartArray("user_ids");
        foreach (var id in model.UserIds)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        Array(w, "w", model.UserWeights);
        Array(w, "prior_mean", model.Prior.Mean);
        Array(w, "prior_covariance", model.Prior.Covariance);
        Array(w, "spectrum", model.Spectrum.ToArray());
        if (model.Clusters is { } clusters)
        {
            Array(w, "cluster_weights", clusters.ClusterWeights);
            w.WriteStartArray("cluster_assignments");
            foreach (var c in clusters.Assignments)
            {
                w.WriteNumberValue(c);
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("metrics");
        foreach (var (name, value) in model.Metrics)
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

        w.WriteEndObject();
        w.WriteStartObject("settings");
        foreach (var (name, value) in model.Settings)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, string name, ReadOnlySpan<float> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void Array(Utf8JsonWriter w, string name, ReadOnlySpan<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
