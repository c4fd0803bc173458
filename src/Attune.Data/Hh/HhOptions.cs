namespace Attune.Data.Hh;

/// <summary>Settings of the <c>hh</c> dataset.</summary>
public sealed record HhOptions
{
    /// <summary>Checks every range.</summary>
    /// <param name="seed">Seed of the comparison order and of the subsample. Default 0.</param>
    /// <param name="maxComparisons">Keep at most this many rows (a seeded subsample, &gt;= 1); null: all. Default null.</param>
    /// <param name="dataRoot">The shared data folder; null: <see cref="SharedDataLocator"/>.</param>
    public HhOptions(int seed = 0, int? maxComparisons = null, string? dataRoot = null)
    {
        if (maxComparisons is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxComparisons), maxComparisons, "maxComparisons must be >= 1.");
        }

        Seed = seed;
        MaxComparisons = maxComparisons;
        DataRoot = dataRoot;
    }

    /// <summary>Seed of the order and subsample.</summary>
    public int Seed { get; }

    /// <summary>Row limit, or null for all.</summary>
    public int? MaxComparisons { get; }

    /// <summary>Shared data folder, or null to locate it.</summary>
    public string? DataRoot { get; }
}
