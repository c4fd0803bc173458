using Attune.Text.Encoders;
using Attune.Text.Hashing;

namespace Attune.Text;

/// <summary>
/// Rebuilds a featurizer from the description stored beside a model (<see cref="IFeaturizer.Description"/>): the one place
/// that knows every kind a service can score with.
/// </summary>
public static class FeaturizerFactory
{
    /// <summary>
    /// The featurizer <paramref name="description"/> names: <c>hashing:v1:...</c> (<see cref="HashingFeaturizer"/>),
    /// <c>minilm:v1:...</c> (<see cref="MiniLmFeaturizer"/>, on the process's shared encoder for
    /// <paramref name="encoderOptions"/>) or <c>composite:v1:...</c> (<see cref="CompositeFeaturizer"/> of any of these).
    /// </summary>
    /// <param name="description">The stored description.</param>
    /// <param name="encoderOptions">Run-time settings for a MiniLM part (threads, device, caches); default: one CPU thread.</param>
    /// <exception cref="FormatException">The description is malformed or names a kind this build does not know.</exception>
    public static IFeaturizer FromDescription(string description, MiniLmOptions? encoderOptions = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        var kind = description.Split(':', 2)[0];
        return kind switch
        {
            "hashing" => HashingFeaturizer.FromDescription(description),
            "minilm" => MiniLmFeaturizer.FromDescription(description, encoderOptions),
            "composite" => CompositeFeaturizer.FromDescription(description, part => FromDescription(part, encoderOptions)),
            _ => throw new FormatException(
                $"description '{description}' names no featurizer this build knows (hashing:v1, minilm:v1, composite:v1)."),
        };
    }
}
