using System.Globalization;

namespace Attune.Text.Hashing;

/// <summary>
/// Settings of a <see cref="HashingFeaturizer"/>. Validated on construction; every property is part of
/// <see cref="HashingFeaturizer.Description"/>.
/// </summary>
public sealed record HashingFeaturizerOptions
{
    /// <summary>Builds options, checking every range.</summary>
    /// <param name="buckets">Hashed positions shared by word and character n-grams (&gt;= 16). Default 4096.</param>
    /// <param name="minWordNgram">Shortest word n-gram (&gt;= 1). Default 1.</param>
    /// <param name="maxWordNgram">Longest word n-gram (&gt;= minWordNgram). Default 2.</param>
    /// <param name="minCharNgram">Shortest character n-gram (&gt;= 1); 0 together with maxCharNgram 0 turns the block off. Default 3.</param>
    /// <param name="maxCharNgram">Longest character n-gram (&gt;= minCharNgram). Default 5.</param>
    /// <param name="wordWeight">L2 norm of the word block after normalization (&gt;= 0). Default 1.</param>
    /// <param name="charWeight">L2 norm of the character block (&gt;= 0). Default 0.5.</param>
    /// <param name="styleWeight">L2 norm of the style block (&gt;= 0). Default 1.</param>
    /// <param name="seed">Hash seed; different seeds give unrelated bucket assignments. Default 0.</param>
    public HashingFeaturizerOptions(
        int buckets = 4096,
        int minWordNgram = 1,
        int maxWordNgram = 2,
        int minCharNgram = 3,
        int maxCharNgram = 5,
        double wordWeight = 1.0,
        double charWeight = 0.5,
        double styleWeight = 1.0,
        uint seed = 0)
    {
        if (buckets < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "buckets must be at least 16.");
        }

        if (minWordNgram < 1 || maxWordNgram < minWordNgram)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxWordNgram), $"word n-grams {minWordNgram}-{maxWordNgram}: need 1 <= min <= max.");
        }

        var charsOff = minCharNgram == 0 && maxCharNgram == 0;
        if (!charsOff && (minCharNgram < 1 || maxCharNgram < minCharNgram))
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxCharNgram), $"character n-grams {minCharNgram}-{maxCharNgram}: need 1 <= min <= max, or 0-0 for none.");
        }

        CheckWeight(wordWeight, nameof(wordWeight));
        CheckWeight(charWeight, nameof(charWeight));
        CheckWeight(styleWeight, nameof(styleWeight));
        Buckets = buckets;
        MinWordNgram = minWordNgram;
        MaxWordNgram = maxWordNgram;
        MinCharNgram = minCharNgram;
        MaxCharNgram = maxCharNgram;
        WordWeight = wordWeight;
        CharWeight = charWeight;
        StyleWeight = styleWeight;
        Seed = seed;
    }

    /// <summary>Hashed positions [0, Buckets) shared by word and character n-grams.</summary>
    public int Buckets { get; }

    /// <summary>Shortest word n-gram.</summary>
    public int MinWordNgram { get; }

    /// <summary>Longest word n-gram.</summary>
    public int MaxWordNgram { get; }

    /// <summary>Shortest character n-gram (0: no character block).</summary>
    public int MinCharNgram { get; }

    /// <summary>Longest character n-gram (0: no character block).</summary>
    public int MaxCharNgram { get; }

    /// <summary>L2 norm of the word n-gram block.</summary>
    public double WordWeight { get; }

    /// <summary>L2 norm of the character n-gram block.</summary>
    public double CharWeight { get; }

    /// <summary>L2 norm of the style block.</summary>
    public double StyleWeight { get; }

    /// <summary>Hash seed.</summary>
    public uint Seed { get; }

    private static void CheckWeight(double weight, string name)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(name, weight, $"{name} must be a finite number >= 0.");
        }
    }

    internal string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"hashing:v1:buckets={Buckets}:words={MinWordNgram}-{MaxWordNgram}:chars={MinCharNgram}-{MaxCharNgram}" +
        $":weights={WordWeight:R},{CharWeight:R},{StyleWeight:R}:seed={Seed}");
}
