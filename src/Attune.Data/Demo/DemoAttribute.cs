namespace Attune.Data.Demo;

/// <summary>
/// The four traits of the demo world. A response has a level of +1 or -1 for each (never in between, so every answer is
/// clearly one or the other): +1 is the first named direction, -1 the second (<see cref="DemoTraits.Name"/>).
/// </summary>
public enum DemoAttribute
{
    /// <summary>+1 detailed (four points, each explained), -1 concise (two points, nothing else).</summary>
    Detail,

    /// <summary>+1 formal register throughout, -1 casual register throughout.</summary>
    Formality,

    /// <summary>+1 a numbered list, -1 flowing prose.</summary>
    Format,

    /// <summary>+1 warm and encouraging (a friendly opening and closing), -1 matter-of-fact.</summary>
    Warmth,
}

/// <summary>Names of the demo traits' directions.</summary>
public static class DemoTraits
{
    /// <summary>Number of traits (4).</summary>
    public const int Count = 4;

    private static readonly (string Plus, string Minus)[] Names =
    [
        ("detailed", "concise"),
        ("formal", "casual"),
        ("a list", "prose"),
        ("warm", "matter-of-fact"),
    ];

    /// <summary>The name of direction <paramref name="sign"/> (+1 or -1) of <paramref name="attribute"/>, e.g. "formal".</summary>
    public static string Name(DemoAttribute attribute, int sign) =>
        sign > 0 ? Names[(int)attribute].Plus : Names[(int)attribute].Minus;
}

/// <summary>
/// A simulated demo user: prefers direction <see cref="FirstSign"/> of <see cref="First"/> and <see cref="SecondSign"/> of
/// <see cref="Second"/> (two different traits) and is indifferent to the other two. True reward of a response with levels
/// l: r* = FirstSign * l[First] + SecondSign * l[Second], in {-2, 0, 2}. <see cref="Id"/> names the taste, e.g.
/// "formal+concise".
/// </summary>
public sealed record DemoUser(DemoAttribute First, int FirstSign, DemoAttribute Second, int SecondSign)
{
    /// <summary>The taste as an id, e.g. "formal+concise".</summary>
    public string Id => $"{DemoTraits.Name(First, FirstSign)}+{DemoTraits.Name(Second, SecondSign)}".Replace(' ', '-');

    /// <summary>All 24 tastes: C(4, 2) trait pairs x 2 x 2 directions, in a fixed order.</summary>
    public static IReadOnlyList<DemoUser> All()
    {
        var users = new List<DemoUser>(24);
        for (var i = 0; i < DemoTraits.Count; i++)
        {
            for (var j = i + 1; j < DemoTraits.Count; j++)
            {
                foreach (var si in new[] { 1, -1 })
                {
                    foreach (var sj in new[] { 1, -1 })
                    {
                        users.Add(new DemoUser((DemoAttribute)i, si, (DemoAttribute)j, sj));
                    }
                }
            }
        }

        return users;
    }

    /// <summary>The true reward of a response with <paramref name="levels"/> (length 4, entries +1 or -1).</summary>
    public double Reward(IReadOnlyList<int> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return (FirstSign * levels[(int)First]) + (SecondSign * levels[(int)Second]);
    }
}
