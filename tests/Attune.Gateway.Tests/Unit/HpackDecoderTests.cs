using Attune.Gateway.Relay;
using static Attune.Gateway.Tests.Unit.HpackTestKit;

namespace Attune.Gateway.Tests.Unit;

/// <summary>The HPACK decoder against the examples of RFC 7541 Appendix C and malformed blocks.</summary>
public sealed class HpackDecoderTests
{
    private const string Date21 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private const string Date22 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private const string Location = "https://www.example.com";
    private const string Cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    [Theory]
    [InlineData("0a", 5, 10)]
    [InlineData("1f9a0a", 5, 1337)]
    [InlineData("2a", 8, 42)]
    public void ReadInteger_rfcC1Examples_value(string hex, int prefixBits, int expected)
    {
        var pos = 0;

        var value = HpackDecoder.ReadInteger(Hex(hex), ref pos, prefixBits);

        Assert.Equal(expected, value);
        Assert.Equal(hex.Length / 2, pos);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 7)]
    [InlineData(4, 5)]
    [InlineData(8, 6)]
    public void ReadInteger_extremes_roundTripWithWriteInteger(int valueIndex, int prefixBits)
    {
        int[] values = [0, 30, 31, 127, 128, 16_511, 1_000_000, int.MaxValue - 1, int.MaxValue];
        foreach (var value in values.Skip(valueIndex))
        {
            var buffer = new byte[8];
            var written = HpackEncoder.WriteInteger(value, prefixBits, 0, buffer);
            var pos = 0;

            var read = HpackDecoder.ReadInteger(buffer, ref pos, prefixBits);

            Assert.Equal(value, read);
            Assert.Equal(written, pos);
            Assert.Equal(HpackEncoder.IntegerLength(value, prefixBits), written);
        }
    }

    [Fact]
    public void Decode_rfcC21LiteralWithIndexing_fieldAndTableEntry()
    {
        var decoder = new HpackDecoder();

        var fields = Decode(decoder, Hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));

        Assert.Equal([("custom-key", "custom-header")], fields);
        Assert.Equal([("custom-key", "custom-header")], Table(decoder));
        Assert.Equal(55, decoder.DynamicTableSize);
    }

    [Theory]
    [InlineData("040c 2f73 616d 706c 652f 7061 7468", ":path", "/sample/path")]
    [InlineData("1008 7061 7373 776f 7264 0673 6563 7265 74", "password", "secret")]
    [InlineData("82", ":method", "GET")]
    public void Decode_rfcC22toC24WithoutIndexing_fieldAndEmptyTable(string hex, string name, string value)
    {
        var decoder = new HpackDecoder();

        var fields = Decode(decoder, Hex(hex));

        Assert.Equal([(name, value)], fields);
        Assert.Equal(0, decoder.DynamicTableCount);
        Assert.Equal(0, decoder.DynamicTableSize);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_rfcC3C4Requests_fieldsAndTableCarriedAcrossBlocks(bool huffman)
    {
        string[] blocks = huffman
            ?
            [
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
            ]
            :
            [
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
            ];
        var decoder = new HpackDecoder();

        var first = Decode(decoder, Hex(blocks[0]));
        Assert.Equal([(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com")], first);
        Assert.Equal([(":authority", "www.example.com")], Table(decoder));
        Assert.Equal(57, decoder.DynamicTableSize);

        var second = Decode(decoder, Hex(blocks[1]));
        Assert.Equal(
            [(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com"), ("cache-control", "no-cache")],
            second);
        Assert.Equal([("cache-control", "no-cache"), (":authority", "www.example.com")], Table(decoder));
        Assert.Equal(110, decoder.DynamicTableSize);

        var third = Decode(decoder, Hex(blocks[2]));
        Assert.Equal(
            [(":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value")],
            third);
        Assert.Equal(
            [("custom-key", "custom-value"), ("cache-control", "no-cache"), (":authority", "www.example.com")],
            Table(decoder));
        Assert.Equal(164, decoder.DynamicTableSize);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_rfcC5C6ResponsesInA256ByteTable_evictsOldest(bool huffman)
    {
        string[] blocks = huffman
            ?
            [
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad"
                + " 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                "4883 640e ffc1 c0bf",
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2"
                + " e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
            ]
            :
            [
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32"
                + " 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "4803 3330 37c1 c0bf",
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970"
                + " 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61"
                + " 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
            ];
        var decoder = new HpackDecoder(256);

        var first = Decode(decoder, Hex(blocks[0]));
        Assert.Equal([(":status", "302"), ("cache-control", "private"), ("date", Date21), ("location", Location)], first);
        Assert.Equal(
            [("location", Location), ("date", Date21), ("cache-control", "private"), (":status", "302")],
            Table(decoder));
        Assert.Equal(222, decoder.DynamicTableSize);

        var second = Decode(decoder, Hex(blocks[1]));
        Assert.Equal([(":status", "307"), ("cache-control", "private"), ("date", Date21), ("location", Location)], second);
        Assert.Equal(
            [(":status", "307"), ("location", Location), ("date", Date21), ("cache-control", "private")],
            Table(decoder));
        Assert.Equal(222, decoder.DynamicTableSize);

        var third = Decode(decoder, Hex(blocks[2]));
        Assert.Equal(
            [(":status", "200"), ("cache-control", "private"), ("date", Date22), ("location", Location), ("content-encoding", "gzip"), ("set-cookie", Cookie)],
            third);
        Assert.Equal([("set-cookie", Cookie), ("content-encoding", "gzip"), ("date", Date22)], Table(decoder));
        Assert.Equal(215, decoder.DynamicTableSize);
    }

    [Fact]
    public void Decode_indexedNameOfTheEntryItEvicts_keepsTheName()
    {
        // 4.4: the referenced entry is evicted while adding the new one, whose bytes then overlap the old name's.
        var decoder = new HpackDecoder(100);
        var name = new string('n', 30);
        var value = new string('v', 30);
        Decode(decoder, [0x40, .. StringLiteral("f"u8.ToArray(), false), 0x00]); // 33 bytes
        Decode(decoder, [0x40, .. StringLiteral(System.Text.Encoding.ASCII.GetBytes(name), false), 0x01, (byte)'a']); // 63

        var fields = Decode(decoder, [0x40 | 62, .. StringLiteral(System.Text.Encoding.ASCII.GetBytes(value), false)]);

        Assert.Equal([(name, value)], fields);
        Assert.Equal([(name, value)], Table(decoder));
        Assert.Equal(92, decoder.DynamicTableSize);
    }

    [Fact]
    public void Decode_entryLargerThanTheTable_emptiesTheTable()
    {
        var decoder = new HpackDecoder(100);
        Decode(decoder, Hex("828684410f7777772e6578616d706c652e636f6d"));

        var fields = Decode(decoder, [0x40, .. StringLiteral(new byte[40], false), .. StringLiteral(new byte[40], true)]);

        Assert.Single(fields);
        Assert.Equal(0, decoder.DynamicTableCount);
        Assert.Equal(0, decoder.DynamicTableSize);
    }

    [Fact]
    public void Decode_sizeUpdatesAtTheStart_evictAndApply()
    {
        var decoder = new HpackDecoder();
        Decode(decoder, Hex("828684410f7777772e6578616d706c652e636f6d"));

        // Two updates before the first field (4.2): to 0 (evicts all), then to 4096 (the advertised maximum).
        var fields = Decode(decoder, [0x20, 0x3f, 0xe1, 0x1f, 0x82]);

        Assert.Equal([(":method", "GET")], fields);
        Assert.Equal(0, decoder.DynamicTableCount);
        Assert.Equal(4096, decoder.DynamicTableMaxSize);
    }

    [Fact]
    public void Decode_integerInFiveContinuationBytes_accepted()
    {
        var decoder = new HpackDecoder();

        Decode(decoder, Hex("3f81 8080 8000")); // 31 + 1, padded with zero groups

        Assert.Equal(32, decoder.DynamicTableMaxSize);
    }

    [Fact]
    public void Decode_sizeUpdateBelowTheEntries_evictsFromTheOldest()
    {
        var decoder = new HpackDecoder();
        Decode(decoder, Hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d 5808 6e6f 2d63 6163 6865"));
        Assert.Equal(110, decoder.DynamicTableSize);

        Decode(decoder, [0x3f, 0x27]); // 31 + 39 = 70

        Assert.Equal([("cache-control", "no-cache")], Table(decoder));
        Assert.Equal(70, decoder.DynamicTableMaxSize);
    }

    [Fact]
    public void Decode_longHuffmanValueAfterHuffmanName_nameSurvivesScratchGrowth()
    {
        var decoder = new HpackDecoder();
        var name = "x-huffman-name"u8.ToArray();
        var value = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef", 200)));

        var fields = Decode(decoder, [0x00, .. StringLiteral(name, true), .. StringLiteral(value, true)]);

        Assert.Equal([("x-huffman-name", System.Text.Encoding.ASCII.GetString(value))], fields);
    }

    [Theory]
    [InlineData("80")] // index 0
    [InlineData("be")] // index 62, empty dynamic table
    [InlineData("ff00")] // index 127
    [InlineData("7e0161")] // literal with indexing, name index 62
    [InlineData("0f2f0161")] // literal without indexing, name index 62 (15 + 47)
    [InlineData("ff")] // truncated integer
    [InlineData("ff80")] // truncated integer in the continuation
    [InlineData("3fffffffff0f")] // integer above 2^31 - 1
    [InlineData("3f818080808000")] // 32 as a size update, but in 6 continuation bytes
    [InlineData("40")] // truncated: no name string
    [InlineData("400561")] // truncated name string
    [InlineData("4001610562")] // truncated value string
    [InlineData("04")] // truncated: no value string
    [InlineData("0081180161")] // Huffman name "a" padded with zeros
    [InlineData("0082 1fff 0161")] // Huffman name "a" with 11 bits of padding
    [InlineData("0084 ffff ffff 0161")] // Huffman name EOS
    [InlineData("0085 1fff ffff ff 0161")] // Huffman name "a" then EOS
    [InlineData("3fe21f")] // size update to 4097 > 4096
    [InlineData("8220")] // size update after a field
    [InlineData("3f")] // truncated size update
    public void Decode_malformedBlock_throwsHpackException(string hex)
    {
        var decoder = new HpackDecoder();
        var block = Hex(hex);

        Assert.Throws<HpackException>(() => Decode(decoder, block));
    }

    [Fact]
    public void Decode_headerListAboveTheLimit_throwsHpackException()
    {
        var block = Hex("8286"); // :method GET (7 + 3 + 32 = 42), :scheme http (7 + 4 + 32 = 43)

        var atLimit = Decode(new HpackDecoder(), block, 85);

        Assert.Equal(2, atLimit.Count);
        Assert.Throws<HpackException>(() => Decode(new HpackDecoder(), block, 84));
    }

    [Fact]
    public void Decode_steadyState_allocatesNothing()
    {
        byte[][] blocks =
        [
            Hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"),
            Hex("8286 84be 5886 a8eb 1064 9cbf"),
            Hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf"),
        ];
        var decoder = new HpackDecoder();
        var sink = new HpackTestKit.CountingSink();
        for (var warmup = 0; warmup < 200; warmup++)
        {
            foreach (var block in blocks)
            {
                decoder.Decode(block, ref sink);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 1000; round++)
        {
            foreach (var block in blocks)
            {
                decoder.Decode(block, ref sink);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1200 * 14, sink.Fields);
    }
}
