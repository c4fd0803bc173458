using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Attune.Data.Jsonl;

/// <summary>
/// Streams the canonical comparison JSONL (docs/data-format.md): one JSON object per line, blank lines skipped, unknown
/// fields ignored. Every invalid line raises <see cref="ComparisonFormatException"/> naming its 1-based line number and
/// field: bad JSON, a missing or mistyped field, an empty user_id, identical responses, a preference that is NaN,
/// infinite or outside [0, 1], and feature vectors that are unpaired, of unequal length or non-finite.
/// </summary>
public static partial class ComparisonJsonlReader
{
    /// <summary>The comparisons of <paramref name="reader"/>, lazily, in file order.</summary>
    /// <exception cref="ComparisonFormatException">A line is invalid (thrown when that line is reached).</exception>
    public static IEnumerable<Comparison> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ParseLine(line, lineNumber);
        }
    }

    /// <summary>The comparisons of the file at <paramref name="path"/> (gzip-compressed when it ends in <c>.gz</c>), lazily.</summary>
    public static IEnumerable<Comparison> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = OpenText(path);
        foreach (var comparison in Read(reader))
        {
            yield return comparison;
        }
    }

    /// <summary>A UTF-8 reader of <paramref name="path"/>, decompressing when it ends in <c>.gz</c>.</summary>
    public static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, Encoding.UTF8);
    }

    /// <summary>Parses one non-blank line.</summary>
    /// <exception cref="ComparisonFormatException">The line is invalid.</exception>
    public static Comparison ParseLine(string line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            var bare = BareNonNumber().Match(line);
            throw bare.Success
                ? new ComparisonFormatException(lineNumber, bare.Groups[1].Value, $"{bare.Groups[2].Value} is not a number", e)
                : new ComparisonFormatException(lineNumber, null, $"not valid JSON: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ComparisonFormatException(lineNumber, null, $"expected a JSON object, found {root.ValueKind}");
            }

            var comparison = new Comparison(
                RequiredString(root, "user_id", lineNumber),
                RequiredString(root, "prompt", lineNumber),
                RequiredString(root, "response_a", lineNumber),
                RequiredString(root, "response_b", lineNumber),
                RequiredNumber(root, "preference", lineNumber))
            {
                ClientId = OptionalString(root, "client_id", lineNumber),
                FeaturesA = OptionalVector(root, "features_a", lineNumber),
                FeaturesB = OptionalVector(root, "features_b", lineNumber),
            };
            if (comparison.FindProblem() is { } problem)
            {
                throw new ComparisonFormatException(lineNumber, problem.Field, problem.Message);
            }

            return comparison;
        }
    }

    private static string RequiredString(JsonElement root, string field, long line)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ComparisonFormatException(line, field, "required field is missing");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ComparisonFormatException(line, field, $"expected a string, found {value.ValueKind}");
    }

    private static string? OptionalString(JsonElement root, string field, long line)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ComparisonFormatException(line, field, $"expected a string, found {value.ValueKind}");
    }

    private static double RequiredNumber(JsonElement root, string field, long line)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ComparisonFormatException(line, field, "required field is missing");
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            // Some writers put NaN and Infinity in quotes; name them rather than a type error.
            var text = value.GetString();
            var what = text is "NaN" or "Infinity" or "-Infinity" ? $"{text} is not a number" : "expected a number, found a string";
            throw new ComparisonFormatException(line, field, what);
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw new ComparisonFormatException(line, field, $"expected a number, found {value.ValueKind}");
        }

        return number;
    }

    private static float[]? OptionalVector(JsonElement root, string field, long line)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ComparisonFormatException(line, field, $"expected an array of numbers, found {value.ValueKind}");
        }

        var vector = new float[value.GetArrayLength()];
        var i = 0;
        foreach (var x in value.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out var d) || !double.IsFinite((float)d))
            {
                throw new ComparisonFormatException(line, field, $"{field}[{i}] is not a finite number");
            }

            vector[i++] = (float)d;
        }

        return vector;
    }

    // Python's json.dumps writes bare NaN / Infinity, which is not JSON; find which field holds one.
    [GeneratedRegex("\"([a-z_]+)\"\\s*:\\s*\\[?[^\\]\"]*?(-?NaN|-?Infinity)")]
    private static partial Regex BareNonNumber();
}
