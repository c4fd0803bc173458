using Attune.Rpc.Internal;

namespace Attune.Rpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("1000n", 10L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    [InlineData("0m", 0L)]
    public void TryParse_valid_value_returns_timeout(string text, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    [InlineData(" 5S")]
    public void TryParse_malformed_value_returns_false(string text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }

    [Theory]
    [InlineData(36_000_000_000L, "1H")]
    [InlineData(30_000_000L, "3S")]
    [InlineData(2_500_000L, "250m")]
    [InlineData(15L, "1500n")]
    [InlineData(0L, "0H")]
    [InlineData(-10L, "0H")]
    [InlineData(long.MaxValue, "99999999H")]
    public void Format_timeout_uses_exact_coarsest_unit(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData(123_456_789_123L)]
    [InlineData(1L)]
    [InlineData(999_999_999_999_999L)]
    public void Format_then_parse_never_shortens_and_fits_eight_digits(long ticks)
    {
        var text = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        Assert.True(text.Length <= 9, text);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed), text);
        Assert.True(parsed.Ticks >= ticks, text);
    }
}
