namespace Attune.Data.Styles;

/// <summary>Names of the two directions of each <see cref="StyleAttribute"/>, used in user ids such as "formal+funny".</summary>
public static class StyleDirections
{
    /// <summary>Number of attributes (7).</summary>
    public static readonly int AttributeCount = Enum.GetValues<StyleAttribute>().Length;

    private static readonly string[] Positive = ["long", "formal", "funny", "engaging", "polite", "enthusiastic", "confident"];
    private static readonly string[] Negative = ["short", "casual", "serious", "plain", "blunt", "flat", "hedging"];

    /// <summary>The name of <paramref name="attribute"/> in direction <paramref name="sign"/> (+1 or -1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sign"/> is neither +1 nor -1.</exception>
    public static string Name(StyleAttribute attribute, int sign) => sign switch
    {
        1 => Positive[(int)attribute],
        -1 => Negative[(int)attribute],
        _ => throw new ArgumentOutOfRangeException(nameof(sign), sign, "sign must be +1 or -1."),
    };

    /// <summary>The attribute and sign a direction name stands for, e.g. "hedging" gives (Confidence, -1).</summary>
    /// <exception cref="ArgumentException">Unknown direction.</exception>
    public static (StyleAttribute Attribute, int Sign) Parse(string direction)
    {
        var i = Array.IndexOf(Positive, direction);
        if (i >= 0)
        {
            return ((StyleAttribute)i, 1);
        }

        i = Array.IndexOf(Negative, direction);
        return i >= 0
            ? ((StyleAttribute)i, -1)
            : throw new ArgumentException($"'{direction}' is not a styles direction.", nameof(direction));
    }
}
