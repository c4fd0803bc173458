namespace Attune.Data.Styles;

/// <summary>
/// The seven attributes of the <c>styles</c> world. A response has a level in {-1, 0, +1} for each; +1 is the first named
/// direction, -1 the second (see <see cref="StyleDirections"/>): long/short, formal/casual, funny/serious,
/// engaging/plain, polite/blunt, enthusiastic/flat, confident/hedging.
/// </summary>
public enum StyleAttribute
{
    /// <summary>+1 long, -1 short.</summary>
    Length,

    /// <summary>+1 formal, -1 casual.</summary>
    Formality,

    /// <summary>+1 funny, -1 serious.</summary>
    Humour,

    /// <summary>+1 engaging (questions to the reader), -1 plain.</summary>
    Engagement,

    /// <summary>+1 polite, -1 blunt.</summary>
    Politeness,

    /// <summary>+1 enthusiastic, -1 flat.</summary>
    Enthusiasm,

    /// <summary>+1 confident, -1 hedging.</summary>
    Confidence,
}
