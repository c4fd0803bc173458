using Attune.Rpc.Internal;

namespace Attune.Rpc.Tests.Protocol;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("50%", "50%25")]
    [InlineData("é", "%C3%A9")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("~ and space", "~ and space")]
    public void Encode_value_escapes_only_non_printable_ascii_and_percent(string value, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(value));
    }

    [Theory]
    [InlineData("Größe 日本 🎉 %")]
    [InlineData("")]
    [InlineData("\u0001\u007f")]
    public void Decode_of_encode_returns_original(string value)
    {
        Assert.Equal(value, PercentEncoding.Decode(PercentEncoding.Encode(value)));
    }

    [Theory]
    [InlineData("100%", "100%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%4", "%4")]
    [InlineData("%41%42", "AB")]
    public void Decode_malformed_escape_kept_literally(string wire, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(wire));
    }
}
