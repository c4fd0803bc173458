using Attune.Gateway.Options;
using Attune.Gateway.RateLimiting;
using Attune.Gateway.Security;

namespace Attune.Gateway.Tests.Unit;

/// <summary>Key lookup by hash, bucket settings, and the settings checks that name the key to fix.</summary>
public sealed class ApiKeyRegistryTests
{
    [Fact]
    public void HashOf_knownKey_sha256Hex() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeyRegistry.HashOf("hello"));

    [Fact]
    public void Find_secondOfTwoKeys_thatKeysName()
    {
        var registry = Registry(("first", "key-one"), ("second", "key-two"));

        Assert.Equal("second", registry.Find("key-two")?.Name);
        Assert.Null(registry.Find("key-three"));
        Assert.Null(registry.Find(string.Empty));
        Assert.Null(registry.Find(new string('k', ApiKeyRegistry.MaxKeyLength + 1)));
    }

    [Fact]
    public void ByName_keyWithoutOwnRate_defaultRateAndBurst()
    {
        var options = new GatewayOptions { RateLimit = new RateLimitOptions { PermitsPerSecond = 5, Burst = 9 } };
        options.ApiKeys.Add(new ApiKeyOptions { Name = "k", Sha256 = ApiKeyRegistry.HashOf("k") });
        options.ApiKeys.Add(new ApiKeyOptions { Name = "own", Sha256 = ApiKeyRegistry.HashOf("own"), PermitsPerSecond = 2, Burst = 3 });
        var registry = new ApiKeyRegistry(Microsoft.Extensions.Options.Options.Create(options));

        Assert.Equal((5.0, 9), (registry.ByName("k")!.PermitsPerSecond, registry.ByName("k")!.Burst));
        Assert.Equal((2.0, 3), (registry.ByName("own")!.PermitsPerSecond, registry.ByName("own")!.Burst));
        Assert.Null(registry.ByName(null));
    }

    [Theory]
    [InlineData(50, 5, 100)]
    [InlineData(0.5, 1, 2000)]
    public void InMemoryBucket_rate_tokensAndPeriod(double permitsPerSecond, int tokens, int periodMs)
    {
        var bucket = Buckets.InMemory(new ApiKey("k", [], permitsPerSecond, 10));

        Assert.Equal(tokens, bucket.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(periodMs), bucket.ReplenishmentPeriod);
        Assert.Equal(10, bucket.TokenLimit);
        Assert.Equal(0, bucket.QueueLimit);
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(0.01, 100)]
    [InlineData(0.3, 4)]
    public void RefillPeriod_rate_wholeSeconds(double permitsPerSecond, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Buckets.RefillPeriod(new ApiKey("k", [], permitsPerSecond, 1)));

    [Theory]
    [InlineData("", "abc", "Gateway:ApiKeys:0:Name")]
    [InlineData("k", "abc", "Gateway:ApiKeys:0:Sha256")]
    [InlineData("k", "zz", "Gateway:ApiKeys:0:Sha256")]
    public void Validate_badKeyEntry_namesTheSetting(string name, string sha, string setting)
    {
        var options = new GatewayOptions();
        options.ApiKeys.Add(new ApiKeyOptions { Name = name, Sha256 = sha });

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateway:RateLimit:PermitsPerSecond")]
    [InlineData("Gateway:MaxRestBodyBytes")]
    [InlineData("Gateway:WebPort")]
    [InlineData("Gateway:Routes:x.Y")]
    public void Validate_outOfRange_namesTheSetting(string setting)
    {
        var options = setting switch
        {
            "Gateway:RateLimit:PermitsPerSecond" => new GatewayOptions { RateLimit = new RateLimitOptions { PermitsPerSecond = 0 } },
            "Gateway:MaxRestBodyBytes" => new GatewayOptions { MaxRestBodyBytes = 0 },
            "Gateway:WebPort" => new GatewayOptions { WebPort = 70000 },
            _ => new GatewayOptions { Routes = { ["x.Y"] = "ftp://host" } },
        };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static ApiKeyRegistry Registry(params (string Name, string Key)[] keys)
    {
        var options = new GatewayOptions();
        foreach (var (name, key) in keys)
        {
            options.ApiKeys.Add(new ApiKeyOptions { Name = name, Sha256 = ApiKeyRegistry.HashOf(key) });
        }

        return new ApiKeyRegistry(Microsoft.Extensions.Options.Options.Create(options));
    }
}
