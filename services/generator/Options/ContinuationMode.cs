namespace Attune.Generator.Options;

/// <summary>How a block-wise request asks the backend to continue a partial response.</summary>
public enum ContinuationMode
{
    /// <summary>
    /// The partial response is the last message, role assistant, and the server continues it (llama.cpp's server and
    /// others that treat a trailing assistant message as a prefix).
    /// </summary>
    Prefix,

    /// <summary>As <see cref="Prefix"/>, plus vLLM's <c>continue_final_message: true, add_generation_prompt: false</c>.</summary>
    VllmPrefix,

    /// <summary>
    /// The partial response as an assistant message, then a user message asking to continue it exactly where it stops
    /// (works with any chat server, OpenAI's included, at some cost in faithfulness).
    /// </summary>
    Instruction,
}
