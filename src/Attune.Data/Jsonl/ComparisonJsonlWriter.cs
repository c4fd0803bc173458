using System.Text.Encodings.Web;
using System.Text.Json;

namespace Attune.Data.Jsonl;

/// <summary>
/// Writes comparisons in the canonical JSONL format (one object per line, fields in the documented order, optional fields
/// omitted when null). Validates each record first, so whatever it writes <see cref="ComparisonJsonlReader"/> reads back.
/// </summary>
public static class ComparisonJsonlWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Readable non-ASCII text; the output is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="comparisons"/> to <paramref name="writer"/>, one line each; returns how many.</summary>
    /// <exception cref="ArgumentException">A record is invalid (the message names its position and field).</exception>
    public static int Write(TextWriter writer, IEnumerable<Comparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(comparisons);
        var count = 0;
        foreach (var comparison in comparisons)
        {
            writer.Write(ToLine(comparison, count));
            writer.Write('\n');
            count++;
        }

        return count;
    }

    /// <summary>Writes <paramref name="comparisons"/> to a new UTF-8 file at <paramref name="path"/>; returns how many.</summary>
    public static int WriteFile(string path, IEnumerable<Comparison> comparisons)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        return Write(writer, comparisons);
    }

    /// <summary>The JSON line (without the line break) of one comparison.</summary>
    /// <exception cref="ArgumentException">The record is invalid.</exception>
    public static string ToLine(Comparison comparison, int position = 0)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.FindProblem() is { } problem)
        {
            throw new ArgumentException(
                $"comparison {position}, field {problem.Field}: {problem.Message}", nameof(comparison));
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("user_id", comparison.UserId);
            json.WriteString("prompt", comparison.Prompt);
            json.WriteString("response_a", comparison.ResponseA);
            json.WriteString("response_b", comparison.ResponseB);
            json.WriteNumber("preference", comparison.Preference);
            if (comparison.ClientId is not null)
            {
                json.WriteString("client_id", comparison.ClientId);
            }

            WriteVector(json, "features_a", comparison.FeaturesA);
            WriteVector(json, "features_b", comparison.FeaturesB);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteVector(Utf8JsonWriter json, string name, float[]? vector)
    {
        if (vector is null)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var x in vector)
        {
            json.WriteNumberValue(x);
        }

        json.WriteEndArray();
    }
}
