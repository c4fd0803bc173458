using Attune.Gateway.Security;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>The API keys the test gateways accept, and their configuration entries.</summary>
public static class TestKeys
{
    /// <summary>A key with a rate limit no test reaches.</summary>
    public const string Open = "test-key-open-5b0f";

    /// <summary>A key whose bucket holds <see cref="TightBurst"/> tokens and refills one per 100 s.</summary>
    public const string Tight = "test-key-tight-91c2";

    /// <summary>The tight key's burst.</summary>
    public const int TightBurst = 3;

    /// <summary>The configuration entries of both keys.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Gateway:ApiKeys:0:Name"] = "open",
        ["Gateway:ApiKeys:0:Sha256"] = ApiKeyRegistry.HashOf(Open),
        ["Gateway:ApiKeys:0:PermitsPerSecond"] = "100000",
        ["Gateway:ApiKeys:0:Burst"] = "100000",
        ["Gateway:ApiKeys:1:Name"] = "tight",
        ["Gateway:ApiKeys:1:Sha256"] = ApiKeyRegistry.HashOf(Tight),
        ["Gateway:ApiKeys:1:PermitsPerSecond"] = "0.01",
        ["Gateway:ApiKeys:1:Burst"] = TightBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
