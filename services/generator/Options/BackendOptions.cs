namespace Attune.Generator.Options;

/// <summary>
/// An OpenAI-compatible chat completions server (vLLM, Ollama, llama.cpp's server, OpenAI): section
/// <c>Generator:Backend</c>. <see cref="Url"/> is the base address; requests go to <c>{Url}/v1/chat/completions</c>
/// unless it already ends in <c>/v1</c>.
/// </summary>
public sealed class BackendOptions
{
    /// <summary>Base address, e.g. <c>http://vllm:8000</c>; unset: the candidate pool serves.</summary>
    public string? Url { get; set; }

    /// <summary>Model name sent with every request (and reported as the backend).</summary>
    public string Model { get; set; } = "default";

    /// <summary>Bearer token; unset: no Authorization header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Longest wait for one backend request when the caller sent no sooner deadline.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per request for failures where nothing was generated (refused connection, 429, 502-504), first included.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How block-wise sampling asks for a continuation.</summary>
    public ContinuationMode Continuation { get; set; } = ContinuationMode.Prefix;

    /// <summary>Whether a backend is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key of the first value out of range.</summary>
    public void Validate()
    {
        if (IsConfigured && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new InvalidOperationException($"Generator:Backend:Url must be an http(s) address such as http://127.0.0.1:8000; got '{Url}'.");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new InvalidOperationException("Generator:Backend:Model must not be empty.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Generator:Backend:Timeout must be positive; got {Timeout}.");
        }

        if (MaxAttempts is < 1 or > 10)
        {
            throw new InvalidOperationException($"Generator:Backend:MaxAttempts must be in [1, 10]; got {MaxAttempts}.");
        }
    }
}
