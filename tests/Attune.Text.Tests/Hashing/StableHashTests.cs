using System.Text;
using Attune.Text.Hashing;

namespace Attune.Text.Tests.Hashing;

public sealed class StableHashTests
{
    // Published MurmurHash3_x86_32 test vectors; also checked against an independent Python implementation.
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("hello", 0u, 0x248BFA47u)]
    [InlineData("Hello, world!", 1234u, 0xFAF6CDB3u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747B28Cu, 0x2FA826CDu)]
    public void Murmur3_knownVector_matchesReference(string text, uint seed, uint expected)
    {
        Assert.Equal(expected, StableHash.Murmur3(Encoding.UTF8.GetBytes(text), seed));
        Assert.Equal(expected, StableHash.Murmur3(text.AsSpan(), seed));
    }

    [Fact]
    public void Murmur3_longNonAsciiText_equalsHashOfUtf8Bytes()
    {
        var text = string.Concat(Enumerable.Repeat("naïve café — 東京 ", 40));

        var fromChars = StableHash.Murmur3(text.AsSpan(), 7);

        Assert.Equal(StableHash.Murmur3(Encoding.UTF8.GetBytes(text), 7), fromChars);
    }
}
