using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Attune.Text.Hashing;

/// <summary>
/// MurmurHash3 (x86, 32-bit) over the UTF-8 bytes of a string: stable across processes, machines and .NET versions, unlike
/// <see cref="string.GetHashCode()"/>, which is randomized per process. Feature indices of a trained model depend on it, so
/// changing it is a breaking change (bump the featurizer's version).
/// </summary>
public static class StableHash
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>MurmurHash3_x86_32 of <paramref name="data"/> with <paramref name="seed"/>.</summary>
    public static uint Murmur3(ReadOnlySpan<byte> data, uint seed)
    {
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= C1;
            k = BitOperations.RotateLeft(k, 15);
            k *= C2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = (h * 5) + 0xe6546b64;
        }

        var tail = data[(blocks * 4)..];
        uint k1 = 0;
        switch (tail.Length)
        {
            case 3:
                k1 ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k1 ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k1 ^= tail[0];
                k1 *= C1;
                k1 = BitOperations.RotateLeft(k1, 15);
                k1 *= C2;
                h ^= k1;
                break;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>MurmurHash3_x86_32 of the UTF-8 encoding of <paramref name="text"/>.</summary>
    public static uint Murmur3(ReadOnlySpan<char> text, uint seed)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, buffer);
            return Murmur3(buffer[..n], seed);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
