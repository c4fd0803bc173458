namespace Attune.Text.Hashing;

/// <summary>
/// Word and phrase lists behind the lexical style features. Part of the featurizer's definition: editing a list changes
/// the features, so bump <see cref="HashingFeaturizer"/>'s version when you do.
/// </summary>
internal static class StyleLexicon
{
    public static readonly string[] FirstPersonSingular = ["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"];

    public static readonly string[] FirstPersonPlural = ["we", "us", "our", "ours", "ourselves", "we're", "we've", "let's"];

    public static readonly string[] SecondPerson = ["you", "your", "yours", "yourself", "you're", "you'll", "you've", "you'd"];

    public static readonly string[] Hedges =
    [
        "perhaps", "maybe", "might", "possibly", "probably", "i think", "i guess", "i suppose", "not sure", "i'm not sure",
        "could be", "it seems", "seems", "somewhat", "kind of", "sort of", "arguably", "unclear", "may", "presumably",
        "i believe", "roughly", "not certain", "hard to say",
    ];

    public static readonly string[] Confidence =
    [
        "certainly", "definitely", "clearly", "undoubtedly", "without a doubt", "absolutely", "surely", "always", "guaranteed",
        "of course", "no doubt", "for sure", "i'm sure", "i am sure", "will work", "is the best", "trust me", "the key is",
        "without question",
    ];

    public static readonly string[] Politeness =
    [
        "please", "thank you", "thanks", "kindly", "i hope this helps", "hope this helps", "you're welcome", "appreciate",
        "grateful", "if you don't mind", "would you", "could you", "happy to help", "my pleasure", "great question",
        "pardon", "sorry",
    ];

    public static readonly string[] Slang =
    [
        "gonna", "wanna", "gotta", "kinda", "sorta", "hey", "yeah", "yep", "nope", "tbh", "lol", "stuff", "folks", "guys",
        "cool", "dude", "ya", "y'all", "btw", "imo", "ok", "okay", "pretty much", "no biggie", "chill", "super",
    ];

    public static readonly string[] Formality =
    [
        "dear", "furthermore", "therefore", "moreover", "regards", "sincerely", "consequently", "thus", "hence",
        "accordingly", "in addition", "with regard to", "it is advisable", "one should", "one may", "respectfully",
        "nevertheless", "notwithstanding", "shall", "whereas", "subsequently",
    ];

    public static readonly string[] Humour =
    [
        "haha", "lol", "joke", "funny", "pun", "hilarious", "laugh", "kidding", "just kidding", "jk", "ha", "lmao",
        "no pun intended", "comedy", "punchline", "giggle",
    ];

    public static readonly string[] Enthusiasm =
    [
        "amazing", "awesome", "love", "wonderful", "exciting", "excited", "fantastic", "incredible", "brilliant", "wow",
        "thrilled", "delighted", "fabulous", "so much fun", "can't wait", "best", "great", "superb", "yay",
    ];

    public static readonly string[] Bluntness =
    [
        "obviously", "just do it", "simply", "stop", "whatever", "no excuses", "deal with it", "that's it", "period",
        "figure it out", "not my problem", "enough", "don't bother", "pointless", "get over it",
    ];

    public static readonly string[] Contractions =
    [
        "it's", "that's", "there's", "what's", "here's", "he's", "she's", "let's", "who's", "where's", "how's",
    ];

    public static readonly string[] ContractionSuffixes = ["n't", "'ll", "'re", "'ve", "'m", "'d"];
}
