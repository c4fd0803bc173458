using System.Text.Json.Nodes;
using Attune.Generator.Options;

namespace Attune.Generator.Backends;

/// <summary>
/// The JSON body of POST /v1/chat/completions (OpenAI's chat completions API) for one <see cref="CompletionRequest"/>:
/// the prompt as the user message and, for a continuation, the partial response as configured by
/// <see cref="ContinuationMode"/>.
/// </summary>
public static class ChatRequestBody
{
    /// <summary>The user message that asks to continue under <see cref="ContinuationMode.Instruction"/>.</summary>
    public const string ContinueInstruction =
        "Continue your previous answer exactly where it stops, without repeating any of it. Reply with the continuation only.";

    /// <summary>Builds the body asking for <paramref name="n"/> choices.</summary>
    public static JsonObject Build(BackendOptions options, CompletionRequest request, int n, long seed)
    {
        var messages = new JsonArray { Message("user", request.Prompt) };
        var body = new JsonObject
        {
            ["model"] = options.Model,
            ["messages"] = messages,
            ["max_tokens"] = request.MaxTokens,
            ["temperature"] = request.Temperature,
            ["n"] = n,
        };
        if (seed != 0)
        {
            body["seed"] = seed;
        }

        if (request.Partial.Length > 0)
        {
            messages.Add(Message("assistant", request.Partial));
            switch (options.Continuation)
            {
                case ContinuationMode.Instruction:
                    messages.Add(Message("user", ContinueInstruction));
                    break;
                case ContinuationMode.VllmPrefix:
                    body["continue_final_message"] = true;
                    body["add_generation_prompt"] = false;
                    break;
            }
        }

        return body;
    }

    private static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };
}
