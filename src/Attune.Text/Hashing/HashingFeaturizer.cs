using System.Globalization;

namespace Attune.Text.Hashing;

/// <summary>
/// The embedded default featurizer: no model files, deterministic across processes. The vector e(x, y) has
/// <see cref="Dimension"/> = Buckets + <see cref="StyleStatistics.Count"/> entries:
/// <list type="bullet">
/// <item>[0, Buckets): signed feature hashing of the response's word n-grams and character n-grams (two blocks sharing the
/// positions, each hashed with its own seed). A token t goes to position h(t) mod Buckets with sign +1 or -1 from the top bit
/// of h (MurmurHash3, <see cref="StableHash"/>), so collisions cancel in expectation. Each block holds raw counts, is
/// L2-normalized, then scaled to its weight (defaults: words 1.0, characters 0.5).</item>
/// <item>[Buckets, Dimension): the style block of <see cref="StyleStatistics"/> (length, punctuation, hedges, confidence,
/// politeness, formality, humour, lists, prompt overlap), L2-normalized and scaled to its weight (default 1.0).</item>
/// </list>
/// Word tokens are lower-cased (<see cref="Tokenizer.Words"/>); word n-grams are hashed as <c>w:tok1 tok2</c>, character
/// n-grams of <see cref="Tokenizer.NormalizeForCharacters"/> as <c>c:gram</c>. Only the style block's prompt-overlap
/// feature looks at the prompt. Stateless and thread-safe.
/// </summary>
public sealed class HashingFeaturizer : IFeaturizer
{
    private const uint WordSeedSalt = 0x9e3779b9;
    private const uint CharSeedSalt = 0x85ebca6b;

    /// <summary>A featurizer with <paramref name="options"/> (default: <see cref="HashingFeaturizerOptions"/>'s defaults).</summary>
    public HashingFeaturizer(HashingFeaturizerOptions? options = null)
    {
        Options = options ?? new HashingFeaturizerOptions();
        Dimension = Options.Buckets + StyleStatistics.Count;
        Description = Options.Describe();
    }

    /// <summary>The settings.</summary>
    public HashingFeaturizerOptions Options { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Index of the first style feature: <see cref="StyleFeature"/> f sits at StyleOffset + (int)f.</summary>
    public int StyleOffset => Options.Buckets;

    /// <summary>Rebuilds a featurizer from its <see cref="Description"/>.</summary>
    /// <exception cref="FormatException">The text is not a <c>hashing:v1:...</c> description.</exception>
    public static HashingFeaturizer FromDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var parts = description.Split(':');
        if (parts.Length < 2 || parts[0] != "hashing" || parts[1] != "v1")
        {
            throw new FormatException($"description '{description}' does not start with 'hashing:v1'.");
        }

        var fields = parts.Skip(2).Select(p => p.Split('=', 2)).ToDictionary(
            kv => kv[0], kv => kv.Length == 2 ? kv[1] : throw new FormatException($"'{string.Join('=', kv)}' in '{description}' has no '='."));
        try
        {
            var words = fields["words"].Split('-');
            var chars = fields["chars"].Split('-');
            var weights = fields["weights"].Split(',');
            return new HashingFeaturizer(new HashingFeaturizerOptions(
                buckets: int.Parse(fields["buckets"], CultureInfo.InvariantCulture),
                minWordNgram: int.Parse(words[0], CultureInfo.InvariantCulture),
                maxWordNgram: int.Parse(words[1], CultureInfo.InvariantCulture),
                minCharNgram: int.Parse(chars[0], CultureInfo.InvariantCulture),
                maxCharNgram: int.Parse(chars[1], CultureInfo.InvariantCulture),
                wordWeight: double.Parse(weights[0], CultureInfo.InvariantCulture),
                charWeight: double.Parse(weights[1], CultureInfo.InvariantCulture),
                styleWeight: double.Parse(weights[2], CultureInfo.InvariantCulture),
                seed: uint.Parse(fields["seed"], CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (e is KeyNotFoundException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            throw new FormatException($"description '{description}' is malformed: {e.Message}", e);
        }
    }

    /// <summary>
    /// The signed bucket of a hashed token: (position in [0, Buckets), sign). <paramref name="token"/> is the prefixed form,
    /// e.g. <c>w:hello</c> for a word, <c>c:hel</c> for a character n-gram.
    /// </summary>
    public (int Index, float Sign) Bucket(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var salt = token.StartsWith("c:", StringComparison.Ordinal) ? CharSeedSalt : WordSeedSalt;
        var h = StableHash.Murmur3(token.AsSpan(), Options.Seed ^ salt);
        return ((int)((h & 0x7fffffffu) % (uint)Options.Buckets), (h & 0x80000000u) != 0 ? -1f : 1f);
    }

    /// <inheritdoc />
    public SparseVector Featurize(TextPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair.Prompt, nameof(pair.Prompt));
        ArgumentNullException.ThrowIfNull(pair.Response, nameof(pair.Response));
        var words = Tokenizer.Words(pair.Response);
        var acc = new SortedDictionary<int, double>();
        AddBlock(acc, WordBlock(words), Options.WordWeight);
        if (Options.MaxCharNgram > 0)
        {
            AddBlock(acc, CharBlock(Tokenizer.NormalizeForCharacters(pair.Response)), Options.CharWeight);
        }

        var style = StyleStatistics.ComputeFromWords(pair.Prompt, pair.Response, words);
        var styleNorm = Math.Sqrt(style.Sum(v => (double)v * v));
        if (styleNorm > 0 && Options.StyleWeight > 0)
        {
            for (var i = 0; i < style.Length; i++)
            {
                if (style[i] != 0)
                {
                    acc[StyleOffset + i] = style[i] / styleNorm * Options.StyleWeight;
                }
            }
        }

        var indices = new List<int>(acc.Count);
        var values = new List<float>(acc.Count);
        foreach (var (index, value) in acc)
        {
            if (value != 0)
            {
                indices.Add(index);
                values.Add((float)value);
            }
        }

        return SparseVector.FromSortedUnchecked(Dimension, indices.ToArray(), values.ToArray());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SparseVector>> FeaturizeBatchAsync(
        IReadOnlyList<TextPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = new SparseVector[pairs.Count];
        for (var i = 0; i < result.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[i] = Featurize(pairs[i]);
        }

        return Task.FromResult<IReadOnlyList<SparseVector>>(result);
    }

    private Dictionary<int, double> WordBlock(List<string> words)
    {
        var block = new Dictionary<int, double>();
        for (var n = Options.MinWordNgram; n <= Options.MaxWordNgram; n++)
        {
            for (var i = 0; i + n <= words.Count; i++)
            {
                Accumulate(block, "w:" + string.Join(' ', words, i, n));
            }
        }

        return block;
    }

    private Dictionary<int, double> CharBlock(string text)
    {
        var block = new Dictionary<int, double>();
        for (var n = Options.MinCharNgram; n <= Options.MaxCharNgram; n++)
        {
            for (var i = 0; i + n <= text.Length; i++)
            {
                Accumulate(block, string.Concat("c:", text.AsSpan(i, n)));
            }
        }

        return block;
    }

    private void Accumulate(Dictionary<int, double> block, string token)
    {
        var (index, sign) = Bucket(token);
        block[index] = block.GetValueOrDefault(index) + sign;
    }

    private static void AddBlock(SortedDictionary<int, double> acc, Dictionary<int, double> block, double weight)
    {
        var norm = Math.Sqrt(block.Values.Sum(v => v * v));
        if (norm == 0 || weight == 0)
        {
            return;
        }

        foreach (var (index, value) in block)
        {
            acc[index] = acc.GetValueOrDefault(index) + (value / norm * weight);
        }
    }
}
