using Attune.Gateway.Options;
using Attune.Gateway.Security;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Tests.Unit;

/// <summary>Key lookup by hash, and the settings checks that name the key to fix.</summary>
public sealed class ApiKeyRegistryTests
{
    [Fact]
    public void HashOf_knownKey_sha256Hex() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeyRegistry.HashOf("hello"));

    [Fact]
    public void Find_secondOfTwoKeys_thatKeysName()
    {
        using var registry = Registry(("first", "key-one"), ("second", "key-two"));

        Assert.Equal("second", registry.Find("key-two")?.Name);
        Assert.Null(registry.Find("key-three"));
        Assert.Null(registry.Find(string.Empty));
        Assert.Null(registry.Find(new string('k', ApiKeyRegistry.MaxKeyLength + 1)));
    }

    [Fact]
    public void TryAcquire_pastTheBurst_falseWithRetryAfter()
    {
        var options = new GatewayOptions { RateLimit = new RateLimitOptions { PermitsPerSecond = 0.01, Burst = 2 } };
        options.ApiKeys.Add(new ApiKeyOptions { Name = "k", Sha256 = ApiKeyRegistry.HashOf("k") });
        using var registry = new ApiKeyRegistry(Microsoft.Extensions.Options.Options.Create(options));
        var key = registry.Find("k")!;

        Assert.True(key.TryAcquire(out _));
        Assert.True(key.TryAcquire(out _));
        Assert.False(key.TryAcquire(out var retryAfter));
        Assert.True(retryAfter > TimeSpan.Zero);
    }

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

    [Fact]
    public void Validate_nonPositiveRate_namesTheSetting()
    {
        var options = new GatewayOptions { RateLimit = new RateLimitOptions { PermitsPerSecond = 0 } };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Gateway:RateLimit:PermitsPerSecond", error.Message, StringComparison.Ordinal);
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
