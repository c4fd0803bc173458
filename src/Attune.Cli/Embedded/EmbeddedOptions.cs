namespace Attune.Cli.Embedded;

/// <summary>
/// Settings of the embedded stack (<c>attune up</c>). Ports: feedback at <see cref="BasePort"/>, trainer at +1, adapter
/// at +2, the generator's +3, the gateway's gRPC at +4 and its page at +5; <see cref="BasePort"/> 0 picks free ports.
/// Ranges are checked on construction.
/// </summary>
public sealed record EmbeddedOptions
{
    /// <summary>Checks every range.</summary>
    /// <param name="dataDirectory">Folder of the SQLite files (created when missing).</param>
    /// <param name="basePort">First port (1-65530), or 0 for free ports.</param>
    /// <param name="demo">Seed the demo population from the demo world when the feedback store is empty.</param>
    /// <param name="demoComparisonsPerUser">Comparisons each of the 48 demo users gives (1-1000).</param>
    public EmbeddedOptions(string dataDirectory, int basePort = 5001, bool demo = true, int demoComparisonsPerUser = 100)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (basePort is < 0 or > 65530)
        {
            throw new ArgumentOutOfRangeException(nameof(basePort), basePort, "--port must be 0 (free ports) or in [1, 65530].");
        }

        if (demoComparisonsPerUser is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(demoComparisonsPerUser), demoComparisonsPerUser, "--demo-comparisons must be in [1, 1000].");
        }

        DataDirectory = Path.GetFullPath(dataDirectory);
        BasePort = basePort;
        Demo = demo;
        DemoComparisonsPerUser = demoComparisonsPerUser;
    }

    /// <summary>Absolute folder of the SQLite files.</summary>
    public string DataDirectory { get; }

    /// <summary>First port, or 0 for free ports.</summary>
    public int BasePort { get; }

    /// <summary>Whether to seed the demo population.</summary>
    public bool Demo { get; }

    /// <summary>Comparisons per demo user.</summary>
    public int DemoComparisonsPerUser { get; }
}
