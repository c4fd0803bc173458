namespace Attune.Text.Hashing;

/// <summary>
/// Positions in the style block of <see cref="StyleStatistics.Compute"/> (and, offset by the hashed dimension, in the
/// <see cref="HashingFeaturizer"/> output). Every value lies in [0, 1] before the block is normalized. "Rate" features are
/// marker counts per word r mapped by r / (r + 0.05), so one marker in 20 words gives 0.5; per-sentence features use
/// r / (r + 0.5).
/// </summary>
public enum StyleFeature
{
    /// <summary>log(1 + words) / log(1001), capped at 1.</summary>
    LogLength,

    /// <summary>words / 300, capped at 1.</summary>
    Length,

    /// <summary>Mean words per sentence / 40, capped at 1.</summary>
    MeanSentenceLength,

    /// <summary>log(1 + sentences) / log(61), capped at 1.</summary>
    SentenceCount,

    /// <summary>Question marks per sentence (saturating).</summary>
    Questions,

    /// <summary>Exclamation marks per sentence (saturating).</summary>
    Exclamations,

    /// <summary>Commas per word (rate).</summary>
    Commas,

    /// <summary>Upper-case letters / letters, times 5, capped at 1.</summary>
    UppercaseRatio,

    /// <summary>I, me, my, mine, myself (rate).</summary>
    FirstPersonSingular,

    /// <summary>we, us, our, ours, ourselves (rate).</summary>
    FirstPersonPlural,

    /// <summary>you, your, yours, yourself (rate).</summary>
    SecondPerson,

    /// <summary>Hedges: perhaps, maybe, might, I think, not sure, possibly... (rate).</summary>
    Hedges,

    /// <summary>Confidence markers: certainly, definitely, clearly, without a doubt... (rate).</summary>
    Confidence,

    /// <summary>Politeness markers: please, thank you, kindly, I hope this helps... (rate).</summary>
    Politeness,

    /// <summary>Contractions: don't, you'll, it's... (rate).</summary>
    Contractions,

    /// <summary>Slang and casual markers: gonna, hey, tbh, kinda, stuff... (rate).</summary>
    Slang,

    /// <summary>Formal markers: dear, furthermore, therefore, regards, moreover... (rate).</summary>
    Formality,

    /// <summary>Humour markers: haha, lol, joke, funny, pun... (rate).</summary>
    Humour,

    /// <summary>Enthusiasm markers: amazing, awesome, love, wonderful, exciting... (rate).</summary>
    Enthusiasm,

    /// <summary>Blunt markers: obviously, just do, simply, stop, whatever... (rate).</summary>
    Bluntness,

    /// <summary>Fraction of non-empty lines that start a list item ("-", "*", "•", "1." or "1)").</summary>
    ListLines,

    /// <summary>Digits / non-space characters, times 10, capped at 1.</summary>
    Digits,

    /// <summary>Fraction of the prompt's distinct words (3+ letters) that also occur in the response.</summary>
    PromptOverlap,

    /// <summary>Mean word length in characters / 10, capped at 1.</summary>
    MeanWordLength,
}
