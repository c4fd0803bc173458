using Attune.Gateway.Relay;
using static Attune.Gateway.Tests.Unit.HpackTestKit;

namespace Attune.Gateway.Tests.Unit;

/// <summary>The Huffman code of RFC 7541 Appendix B, rebuilt from its code lengths, against the table-driven decoder.</summary>
public sealed class HpackHuffmanTests
{
    [Fact]
    public void CodeLengths_canonicalCode_completeWithKnownCodes()
    {
        var codes = CanonicalCodes();

        // Kraft sum exactly 1: a complete prefix code; spot checks from Appendix B.
        Assert.Equal(257, codes.Length);
        Assert.Equal(1UL << 30, codes.Aggregate(0UL, (sum, c) => sum + (1UL << (30 - c.Length))));
        Assert.Equal((0x0u, 5), codes['0']);
        Assert.Equal((0x3u, 5), codes['a']);
        Assert.Equal((0x14u, 6), codes[' ']);
        Assert.Equal((0x1ff8u, 13), codes[0]);
        Assert.Equal((0x3ffffeeu, 26), codes[255]);
        Assert.Equal((0x3fffffffu, 30), codes[HpackHuffman.Eos]);
    }

    [Theory]
    [InlineData("www.example.com", "f1e3 c2e5 f23a 6ba0 ab90 f4ff")]
    [InlineData("no-cache", "a8eb 1064 9cbf")]
    [InlineData("custom-key", "25a8 49e9 5ba9 7d7f")]
    [InlineData("custom-value", "25a8 49e9 5bb8 e8b4 bf")]
    [InlineData("", "")]
    public void Decode_rfcC4Strings_text(string expected, string hex)
    {
        var encoded = Hex(hex);
        var destination = new byte[HpackHuffman.MaxDecodedLength(encoded.Length)];

        var written = HpackHuffman.Decode(encoded, destination);

        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(destination, 0, written));
        Assert.Equal(Hex(hex), HuffmanEncode(System.Text.Encoding.ASCII.GetBytes(expected)));
    }

    [Fact]
    public void Decode_everyByteValue_roundTrips()
    {
        for (var b = 0; b < 256; b++)
        {
            var encoded = HuffmanEncode([(byte)b]);
            var destination = new byte[HpackHuffman.MaxDecodedLength(encoded.Length)];

            var written = HpackHuffman.Decode(encoded, destination);

            Assert.Equal([(byte)b], destination[..written]);
        }
    }

    [Fact]
    public void Decode_randomStrings_roundTrip()
    {
        var random = new Random(7541);
        for (var i = 0; i < 2000; i++)
        {
            var text = new byte[random.Next(0, 200)];
            if (i % 2 == 0)
            {
                random.NextBytes(text);
            }
            else
            {
                // Mostly short codes, so the 8n/5 bound is approached.
                for (var j = 0; j < text.Length; j++)
                {
                    text[j] = (byte)"0123456789acegiost"[random.Next(18)];
                }
            }

            var encoded = HuffmanEncode(text);
            var destination = new byte[HpackHuffman.MaxDecodedLength(encoded.Length)];

            var written = HpackHuffman.Decode(encoded, destination);

            Assert.Equal(text, destination[..written]);
        }
    }

    [Theory]
    [InlineData("18")] // "a" padded with zeros
    [InlineData("1e")] // "a" padded with 110
    [InlineData("1fff")] // "a" and 11 bits of padding
    [InlineData("ff")] // 8 bits of padding only
    [InlineData("ffffffff")] // EOS
    [InlineData("1fffffffff")] // "a" then EOS
    [InlineData("fe")] // a 10-bit code ('!' = 1111111000) cut short, padded with a zero
    public void Decode_badPaddingOrEos_throwsHpackException(string hex)
    {
        var encoded = Hex(hex);
        var destination = new byte[HpackHuffman.MaxDecodedLength(encoded.Length)];

        Assert.Throws<HpackException>(() => HpackHuffman.Decode(encoded, destination));
    }

    [Theory]
    [InlineData("07", "0")] // '0' (00000) and 3 bits of padding
    [InlineData("028a7f", "0  ")] // '0', ' ' (010100) twice: 17 bits, then 7 bits of padding
    [InlineData("", "")]
    public void Decode_paddingUpToSevenOnes_accepted(string hex, string expected)
    {
        var destination = new byte[8];

        var written = HpackHuffman.Decode(Hex(hex), destination);

        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(destination, 0, written));
    }
}
