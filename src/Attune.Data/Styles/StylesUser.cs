namespace Attune.Data.Styles;

/// <summary>
/// A user of the styles world: prefers direction <see cref="FirstSign"/> of <see cref="First"/> and direction
/// <see cref="SecondSign"/> of <see cref="Second"/> (two different attributes). True reward of a response with levels l:
/// r* = FirstSign * l[First] + SecondSign * l[Second], in [-2, 2]. Id: the two direction names joined by '+', e.g.
/// "formal+funny".
/// </summary>
public sealed record StylesUser(StyleAttribute First, int FirstSign, StyleAttribute Second, int SecondSign)
{
    /// <summary>The user id, e.g. "formal+funny".</summary>
    public string Id => $"{StyleDirections.Name(First, FirstSign)}+{StyleDirections.Name(Second, SecondSign)}";

    /// <summary>All 84 users: C(7, 2) attribute pairs x 2 x 2 directions, in a fixed order.</summary>
    public static IReadOnlyList<StylesUser> All()
    {
        var users = new List<StylesUser>(84);
        var n = StyleDirections.AttributeCount;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                foreach (var si in new[] { 1, -1 })
                {
                    foreach (var sj in new[] { 1, -1 })
                    {
                        users.Add(new StylesUser((StyleAttribute)i, si, (StyleAttribute)j, sj));
                    }
                }
            }
        }

        return users;
    }

    /// <summary>The true reward of a response with attribute <paramref name="levels"/> (length 7, entries in {-1, 0, 1}).</summary>
    public double Reward(IReadOnlyList<int> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return (FirstSign * levels[(int)First]) + (SecondSign * levels[(int)Second]);
    }
}
