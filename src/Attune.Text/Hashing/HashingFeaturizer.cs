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
        var total = new double[Dimension];
        var block = new double[Options.Buckets];
        AddBlock(total, block, WordBlock(block, words), Options.WordWeight);
        if (Options.MaxCharNgram > 0)
        {
            Array.Clear(block);
            var touched = CharBlock(block, Tokenizer.NormalizeForCharacters(pair.Response));
            AddBlock(total, block, touched, Options.CharWeight);
        }

        var style = StyleStatistics.ComputeFromWords(pair.Prompt, pair.Response, words);
        var styleNorm = Math.Sqrt(style.Sum(v => (double)v * v));
        if (styleNorm > 0)
        {
            for (var i = 0; i < style.Length; i++)
            {
                total[StyleOffset + i] = style[i] / styleNorm * Options.StyleWeight;
            }
        }

        var count = 0;
        foreach (var v in total)
        {
            count += v != 0 ? 1 : 0;
        }

        var indices = new int[count];
        var values = new float[count];
        for (int i = 0, j = 0; i < total.Length; i++)
        {
            if (total[i] != 0)
            {
                indices[j] = i;
                values[j++] = (float)total[i];
            }
        }

        return SparseVector.FromSortedUnchecked(Dimension, indices, values);
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

    private List<int> WordBlock(double[] block, List<string> words)
    {
        var touched = new List<int>();
        for (var n = Options.MinWordNgram; n <= Options.MaxWordNgram; n++)
        {
            for (var i = 0; i + n <= words.Count; i++)
            {
                Accumulate(block, touched, ("w:" + string.Join(' ', words, i, n)).AsSpan(), WordSeedSalt);
            }
        }

        return touched;
    }

    private List<int> CharBlock(double[] block, string text)
    {
        var touched = new List<int>();
        Span<char> gram = stackalloc char[2 + Options.MaxCharNgram];
        gram[0] = 'c';
        gram[1] = ':';
        for (var n = Options.MinCharNgram; n <= Options.MaxCharNgram; n++)
        {
            for (var i = 0; i + n <= text.Length; i++)
            {
                text.AsSpan(i, n).CopyTo(gram[2..]);
                Accumulate(block, touched, gram[..(2 + n)], CharSeedSalt);
            }
        }

        return touched;
    }

    private void Accumulate(double[] block, List<int> touched, ReadOnlySpan<char> token, uint salt)
    {
        var h = StableHash.Murmur3(token, Options.Seed ^ salt);
        var index = (int)((h & 0x7fffffffu) % (uint)Options.Buckets);
        if (block[index] == 0)
        {
            touched.Add(index);
        }

        block[index] += (h & 0x80000000u) != 0 ? -1.0 : 1.0;
    }

    private static void AddBlock(double[] total, double[] block, List<int> touched, double weight)
    {
        double sumSquares = 0;
        foreach (var i in touched.Distinct())
        {
            sumSquares += block[i] * block[i];
        }

        if (sumSquares == 0 || weight == 0)
        {
            return;
        }

        var scale = weight / Math.Sqrt(sumSquares);
        foreach (var i in touched.Distinct())
        {
            total[i] += block[i] * scale;
        }
    }
}
