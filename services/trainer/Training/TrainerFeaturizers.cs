using Attune.Text;
using Attune.Text.Encoders;
using Attune.Text.Hashing;
using Attune.Trainer.Options;

namespace Attune.Trainer.Training;

/// <summary>The featurizer <c>Trainer:Featurizer</c> names, built for a job (the names and learners the options accept).</summary>
public static class TrainerFeaturizers
{
    /// <summary>The hashing featurizer with its default options.</summary>
    public const string Hashing = "hashing";

    /// <summary>The MiniLM encoding of the response (<c>prompt=none</c>).</summary>
    public const string MiniLm = "minilm";

    /// <summary>MiniLM and hashing concatenated, scales 1 and 1 (the composite <c>attune eval</c> measures).</summary>
    public const string Composite = "composite";

    /// <summary>The linear learner.</summary>
    public const string Linear = "linear";

    /// <summary>The neural learner.</summary>
    public const string Neural = "neural";

    /// <summary>Whether <paramref name="value"/> is a short name or starts like a description this build knows.</summary>
    public static bool IsKnown(string? value)
    {
        var v = value?.Trim() ?? string.Empty;
        return v.ToLowerInvariant() is Hashing or MiniLm or Composite
            || v.StartsWith("hashing:v1:", StringComparison.Ordinal) || v.StartsWith("minilm:v1:", StringComparison.Ordinal)
            || v.StartsWith("composite:v1:", StringComparison.Ordinal);
    }

    /// <summary>The configured featurizer; the MiniLM encoder runs with the configured threads and disk cache.</summary>
    /// <exception cref="FormatException">A malformed description.</exception>
    public static IFeaturizer Create(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var encoder = new MiniLmOptions(
            intraOpThreads: options.EncoderThreads,
            cacheDirectory: string.IsNullOrWhiteSpace(options.EncoderCacheDirectory) ? null : options.EncoderCacheDirectory);
        var value = options.Featurizer.Trim();
        return value.ToLowerInvariant() switch
        {
            Hashing => new HashingFeaturizer(),
            MiniLm => new MiniLmFeaturizer(encoder),
            Composite => new CompositeFeaturizer([new MiniLmFeaturizer(encoder), new HashingFeaturizer()], [1.0, 1.0]),
            _ => FeaturizerFactory.FromDescription(value, encoder),
        };
    }
}
