using Attune.Gateway.Forwarding;

namespace Attune.Gateway.Tests.Unit;

/// <summary>grpc-timeout parsing and grpc-message encoding.</summary>
public sealed class GrpcWireTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("900n", 9L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void TryParseTimeout_validValue_ticks(string value, long ticks)
    {
        Assert.True(GrpcWire.TryParseTimeout(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    public void TryParseTimeout_malformed_false(string? value) =>
        Assert.False(GrpcWire.TryParseTimeout(value, out _));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("é\n", "%C3%A9%0A")]
    public void PercentEncode_message_escapesOutsidePrintableAsciiAndPercent(string message, string encoded) =>
        Assert.Equal(encoded, GrpcWire.PercentEncode(message));

    [Fact]
    public void RetryAfterSeconds_fraction_roundedUpToAtLeastOne()
    {
        Assert.Equal("1", GrpcWire.RetryAfterSeconds(TimeSpan.FromMilliseconds(10)));
        Assert.Equal("3", GrpcWire.RetryAfterSeconds(TimeSpan.FromSeconds(2.1)));
    }
}
