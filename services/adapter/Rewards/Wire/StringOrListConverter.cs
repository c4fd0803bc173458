using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attune.Adapter.Rewards.Wire;

/// <summary>
/// Reads a field that vLLM's API takes as either one string or a list of strings (<c>text_1</c>, <c>text_2</c>,
/// <c>input</c>) as a list; a null inside the list stays null, for validation to name.
/// </summary>
public sealed class StringOrListConverter : JsonConverter<List<string?>>
{
    /// <inheritdoc />
    public override List<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a string or a list of strings");
        }

        var list = new List<string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"entry {list.Count} is not a string"),
            });
        }

        return list;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, List<string?> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var s in value)
        {
            writer.WriteStringValue(s);
        }

        writer.WriteEndArray();
    }
}
