namespace Attune.Text.Encoders;

/// <summary>How <see cref="MiniLmFeaturizer"/> lets the prompt into e(x, y).</summary>
public enum MiniLmPromptMode
{
    /// <summary>
    /// e(x, y) = enc(y), 384 entries: the response alone. Two responses to one prompt are compared through e(x, a) - e(x, b),
    /// where any block that depends on x alone cancels, so this loses nothing a linear phi = V e could use of x by itself.
    /// </summary>
    None,

    /// <summary>
    /// e(x, y) = [enc(y); enc(x) ⊙ enc(y)], 768 entries: the response, then its element-wise product with the prompt,
    /// encoded apart (each text in its own window). The second block sums to cos(enc(x), enc(y)) and does not cancel in a
    /// difference, so phi can weigh how the response relates to the prompt.
    /// </summary>
    Product,
}
