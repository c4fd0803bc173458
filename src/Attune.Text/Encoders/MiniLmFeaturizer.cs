using System.Globalization;
using Attune.Text.Embeddings;

namespace Attune.Text.Encoders;

/// <summary>
/// e(x, y) from the in-process MiniLM sentence encoder (<see cref="MiniLmTextEncoder"/>): with
/// <see cref="MiniLmPromptMode.None"/> (the default) the unit-norm encoding of the response alone, shape (384); with
/// <see cref="MiniLmPromptMode.Product"/> the response's encoding followed by its element-wise product with the prompt's,
/// shape (768). Texts are encoded apart, each within the encoder's 256-word-piece window: a longer response is cut to its
/// head at a word boundary (<see cref="MiniLmTextEncoder.FitToWindow"/>), the rest unseen. Every text goes through a
/// content-addressed cache (<see cref="CachedTextEncoder"/>), so it is encoded once. Dense: every index is stored.
/// Thread-safe and deterministic for a device and thread count.
/// </summary>
public sealed class MiniLmFeaturizer : IFeaturizer
{
    private const string Prefix = "minilm:v1:";
    private readonly ITextEncoder _encoder;

    /// <summary>A featurizer on the process's shared encoder for <paramref name="options"/>, with its own caches.</summary>
    /// <param name="options">Threads, device, batch size and caches (default: one CPU thread, memory cache only).</param>
    /// <param name="prompt">How the prompt enters e(x, y).</param>
    public MiniLmFeaturizer(MiniLmOptions? options = null, MiniLmPromptMode prompt = MiniLmPromptMode.None)
        : this(CachedOn(MiniLmTextEncoder.Shared(options ??= new MiniLmOptions()), options), prompt)
    {
    }

    /// <summary>A featurizer on <paramref name="encoder"/>, which must be the MiniLM encoder or a wrapper of it (same Id).</summary>
    /// <exception cref="ArgumentException">The encoder's Id is not <see cref="MiniLmTextEncoder.EncoderId"/>.</exception>
    public MiniLmFeaturizer(ITextEncoder encoder, MiniLmPromptMode prompt = MiniLmPromptMode.None)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (encoder.Id != MiniLmTextEncoder.EncoderId || encoder.Dimension != MiniLmTextEncoder.VectorLength)
        {
            throw new ArgumentException(
                $"encoder '{encoder.Id}' (dimension {encoder.Dimension}) is not '{MiniLmTextEncoder.EncoderId}'.", nameof(encoder));
        }

        if (!Enum.IsDefined(prompt))
        {
            throw new ArgumentOutOfRangeException(nameof(prompt), prompt, "prompt is not a MiniLmPromptMode value.");
        }

        _encoder = encoder;
        Prompt = prompt;
        Dimension = prompt == MiniLmPromptMode.None ? MiniLmTextEncoder.VectorLength : 2 * MiniLmTextEncoder.VectorLength;
        Description = string.Create(CultureInfo.InvariantCulture, $"{encoder.Id}:prompt={PromptName(prompt)}");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary><c>minilm:v1:weights={package version}:window=256:prompt={none|product}</c>.</summary>
    public string Description { get; }

    /// <summary>How the prompt enters e(x, y).</summary>
    public MiniLmPromptMode Prompt { get; }

    /// <summary>Rebuilds a featurizer from its <see cref="Description"/>, on the shared encoder for <paramref name="options"/>.</summary>
    /// <exception cref="FormatException">
    /// The text is not a <c>minilm:v1:...</c> description, or names weights or a window other than this build's (a model
    /// trained on other weights cannot be scored with these).
    /// </exception>
    public static MiniLmFeaturizer FromDescription(string description, MiniLmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!description.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"description '{description}' does not start with 'minilm:v1'.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in description[Prefix.Length..].Split(':'))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2 || !fields.TryAdd(kv[0], kv[1]))
            {
                throw new FormatException($"'{part}' in '{description}' is not a single key=value field.");
            }
        }

        var prompt = fields.GetValueOrDefault("prompt") switch
        {
            "none" => MiniLmPromptMode.None,
            "product" => MiniLmPromptMode.Product,
            var other => throw new FormatException($"description '{description}': prompt '{other}' is not 'none' or 'product'."),
        };
        var encoderId = Prefix + string.Join(':', description[Prefix.Length..].Split(':').Where(p => !p.StartsWith("prompt=", StringComparison.Ordinal)));
        if (encoderId != MiniLmTextEncoder.EncoderId)
        {
            throw new FormatException(
                $"description '{description}' names encoder '{encoderId}', but this build has '{MiniLmTextEncoder.EncoderId}'.");
        }

        return new MiniLmFeaturizer(options, prompt);
    }

    /// <inheritdoc />
    public SparseVector Featurize(TextPair pair) => FeaturizeAll([pair], default)[0];

    /// <inheritdoc />
    /// <remarks>Runs on the calling thread: the encoder is in process.</remarks>
    public Task<IReadOnlyList<SparseVector>> FeaturizeBatchAsync(
        IReadOnlyList<TextPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Task.FromResult<IReadOnlyList<SparseVector>>(FeaturizeAll(pairs, cancellationToken));
    }

    private SparseVector[] FeaturizeAll(IReadOnlyList<TextPair> pairs, CancellationToken cancellationToken)
    {
        var withPrompt = Prompt == MiniLmPromptMode.Product;
        var texts = new string[withPrompt ? 2 * pairs.Count : pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(pairs[i].Prompt, $"pairs[{i}].Prompt");
            ArgumentNullException.ThrowIfNull(pairs[i].Response, $"pairs[{i}].Response");
            texts[i] = pairs[i].Response;
            if (withPrompt)
            {
                texts[pairs.Count + i] = pairs[i].Prompt;
            }
        }

        var encoded = _encoder.Encode(texts, cancellationToken);
        var result = new SparseVector[pairs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var values = new float[Dimension];
            var response = encoded[i];
            response.CopyTo(values, 0);
            if (withPrompt)
            {
                var prompt = encoded[pairs.Count + i];
                for (var j = 0; j < response.Length; j++)
                {
                    values[response.Length + j] = prompt[j] * response[j];
                }
            }

            result[i] = SparseVector.FromDenseUnchecked(values);
        }

        return result;
    }

    private static CachedTextEncoder CachedOn(MiniLmTextEncoder encoder, MiniLmOptions options) =>
        new(encoder, options.MemoryCacheEntries, options.CacheDirectory is null ? null : new EmbeddingDiskCache(options.CacheDirectory));

    private static string PromptName(MiniLmPromptMode prompt) => prompt == MiniLmPromptMode.None ? "none" : "product";
}
