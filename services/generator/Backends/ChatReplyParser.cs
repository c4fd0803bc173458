using System.Text.Json;

namespace Attune.Generator.Backends;

/// <summary>Reads the choices of a chat completions reply: <c>choices[i].message.content</c> and <c>finish_reason</c>.</summary>
public static class ChatReplyParser
{
    /// <summary>The completions and the reply's <c>model</c> (null when absent).</summary>
    /// <exception cref="FormatException">Not a chat completions reply.</exception>
    public static (List<Completion> Choices, string? Model) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the reply has no 'choices' array");
            }

            var list = new List<Completion>();
            foreach (var choice in choices.EnumerateArray())
            {
                var content = choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String
                        ? c.GetString()!
                        : "";
                var finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                list.Add(new Completion(content, finish != "length"));
            }

            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (list, model);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the reply is not JSON ({e.Message})", e);
        }
    }
}
