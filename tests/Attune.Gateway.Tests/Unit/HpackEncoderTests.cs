using System.Text;
using Attune.Gateway.Relay;
using static Attune.Gateway.Tests.Unit.HpackTestKit;

namespace Attune.Gateway.Tests.Unit;

/// <summary>The stateless HPACK encoder: representations chosen, and round trips through the decoder.</summary>
public sealed class HpackEncoderTests
{
    [Theory]
    [InlineData(10, 5, "0a")]
    [InlineData(1337, 5, "1f9a0a")]
    [InlineData(42, 8, "2a")]
    public void WriteInteger_rfcC1Examples_bytes(int value, int prefixBits, string hex)
    {
        var destination = new byte[8];

        var written = HpackEncoder.WriteInteger(value, prefixBits, 0, destination);

        Assert.Equal(Hex(hex), destination[..written]);
    }

    [Theory]
    [InlineData(":status", "200", "88")]
    [InlineData(":method", "POST", "83")]
    [InlineData(":scheme", "http", "86")]
    [InlineData(":path", "/index.html", "85")]
    [InlineData("accept-encoding", "gzip, deflate", "90")]
    [InlineData("content-type", "", "9f")]
    public void WriteHeader_exactStaticMatch_oneIndexedByte(string name, string value, string hex)
    {
        var destination = new byte[HpackEncoder.MaxLength(name.Length, value.Length)];

        var written = HpackEncoder.WriteHeader(name, value, destination);

        Assert.Equal(Hex(hex), destination[..written]);
    }

    [Theory]
    [InlineData(":status", "503", "08 03 353033")] // literal without indexing, name index 8
    [InlineData("content-type", "application/grpc", "0f10 10 6170706c69636174696f6e2f67727063")] // index 31 = 15 + 16
    [InlineData("te", "trailers", "00 02 7465 08 747261696c657273")] // new name
    [InlineData("grpc-status", "0", "00 0b 677270632d737461747573 01 30")]
    public void WriteHeader_noExactMatch_literalWithoutIndexing(string name, string value, string hex)
    {
        var destination = new byte[HpackEncoder.MaxLength(name.Length, value.Length)];

        var written = HpackEncoder.WriteHeader(name, value, destination);

        Assert.Equal(Hex(hex), destination[..written]);
    }

    [Fact]
    public void WriteHeader_nonAscii_throwsArgumentException()
    {
        var destination = new byte[64];

        Assert.Throws<ArgumentException>(() => HpackEncoder.WriteHeader("x-name", "caf\u00e9", destination));
    }

    [Fact]
    public void WriteHeader_destinationShorterThanMaxLength_throwsArgumentException()
    {
        var destination = new byte[HpackEncoder.MaxLength(2, 8) - 1];

        Assert.Throws<ArgumentException>(() => HpackEncoder.WriteHeader("te"u8, "trailers"u8, destination));
    }

    [Fact]
    public void WriteHeader_randomHeaders_roundTripThroughTheDecoderWithinMaxLength()
    {
        var random = new Random(7541);
        string[] staticNames = [":authority", ":method", ":path", ":scheme", ":status", "content-type", "user-agent", "www-authenticate"];
        string[] staticValues = ["GET", "POST", "/", "http", "https", "200", "404", "", "gzip, deflate"];
        for (var block = 0; block < 200; block++)
        {
            var fields = new List<(string Name, string Value)>();
            var buffer = new List<byte>();
            for (var i = random.Next(1, 20); i > 0; i--)
            {
                var name = random.Next(3) == 0 ? staticNames[random.Next(staticNames.Length)] : RandomText(random, 1, 40, lowerCase: true);
                var value = random.Next(3) == 0 ? staticValues[random.Next(staticValues.Length)] : RandomText(random, 0, 300, lowerCase: false);
                var nameBytes = Encoding.Latin1.GetBytes(name);
                var valueBytes = Encoding.Latin1.GetBytes(value);
                var destination = new byte[HpackEncoder.MaxLength(nameBytes.Length, valueBytes.Length)];

                var written = HpackEncoder.WriteHeader(nameBytes, valueBytes, destination);

                fields.Add((name, value));
                buffer.AddRange(destination.AsSpan(0, written));
            }

            var decoder = new HpackDecoder();
            Assert.Equal(fields, Decode(decoder, [.. buffer]));
            Assert.Equal(0, decoder.DynamicTableCount);
        }
    }

    private static string RandomText(Random random, int min, int max, bool lowerCase)
    {
        var chars = new char[random.Next(min, max)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = lowerCase ? (char)random.Next('a', 'z' + 1) : (char)random.Next(0, 256);
        }

        return new string(chars);
    }
}
