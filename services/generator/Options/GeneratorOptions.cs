namespace Attune.Generator.Options;

/// <summary>
/// The generator's settings: section <c>Generator</c> (<c>Generator__Backend__Url</c>, ...) plus the adapter's address
/// <c>Services:Adapter</c>. Without <see cref="BackendOptions.Url"/> the candidate pool serves (backend "pool").
/// Ranges are checked at start-up, naming the key.
/// </summary>
public sealed class GeneratorOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Generator";

    /// <summary>The OpenAI-compatible chat completions backend.</summary>
    public BackendOptions Backend { get; set; } = new();

    /// <summary>The candidate pool used when no backend URL is set.</summary>
    public PoolOptions Pool { get; set; } = new();

    /// <summary>Deadline of one adapter Score call when the caller sent none (the caller's deadline wins when sooner).</summary>
    public TimeSpan AdapterTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key of the first value out of range.</summary>
    public void Validate()
    {
        if (AdapterTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Generator:AdapterTimeout must be positive; got {AdapterTimeout}.");
        }

        Backend.Validate();
        Pool.Validate();
    }
}
