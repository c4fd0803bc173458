using System.Text.Json;

namespace Attune.Text.Embeddings;

/// <summary>Reads an OpenAI-style reply <c>{"data": [{"index": i, "embedding": [...]}, ...]}</c> into vectors by index.</summary>
internal static class EmbeddingReplyParser
{
    /// <summary>The vectors of a reply to <paramref name="count"/> inputs, element i for input i.</summary>
    /// <exception cref="EmbeddingFormatException">The reply is malformed or a dimension is wrong.</exception>
    public static float[][] Parse(string body, int count, int? expectedDimension)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new EmbeddingFormatException($"reply is not JSON: {e.Message}", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array)
            {
                throw new EmbeddingFormatException("reply has no \"data\" array.");
            }

            if (data.GetArrayLength() != count)
            {
                throw new EmbeddingFormatException($"reply has {data.GetArrayLength()} items in \"data\" for {count} inputs.");
            }

            var result = new float[count][];
            var position = 0;
            foreach (var item in data.EnumerateArray())
            {
                var index = ReadIndex(item, position, count);
                if (result[index] is not null)
                {
                    throw new EmbeddingFormatException($"data[{position}]: index {index} appears twice.");
                }

                result[index] = ReadVector(item, position);
                position++;
            }

            var dimension = expectedDimension ?? result[0].Length;
            for (var i = 0; i < count; i++)
            {
                if (result[i].Length != dimension)
                {
                    throw new EmbeddingFormatException(expectedDimension is null
                        ? $"embedding of input {i} has dimension {result[i].Length}, but input 0 has {dimension}."
                        : $"embedding of input {i} has dimension {result[i].Length}, expected {dimension} (dimension mismatch).");
                }
            }

            return result;
        }
    }

    private static int ReadIndex(JsonElement item, int position, int count)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("index", out var indexElement)
            || !indexElement.TryGetInt32(out var index))
        {
            throw new EmbeddingFormatException($"data[{position}] has no integer \"index\".");
        }

        if (index < 0 || index >= count)
        {
            throw new EmbeddingFormatException($"data[{position}].index = {index} is outside [0, {count}).");
        }

        return index;
    }

    private static float[] ReadVector(JsonElement item, int position)
    {
        if (!item.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array)
        {
            throw new EmbeddingFormatException($"data[{position}] has no \"embedding\" array (base64 replies are not supported).");
        }

        var vector = new float[embedding.GetArrayLength()];
        if (vector.Length == 0)
        {
            throw new EmbeddingFormatException($"data[{position}].embedding is empty.");
        }

        var j = 0;
        foreach (var x in embedding.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw new EmbeddingFormatException($"data[{position}].embedding[{j}] is not a finite number.");
            }

            vector[j++] = (float)value;
        }

        return vector;
    }
}
