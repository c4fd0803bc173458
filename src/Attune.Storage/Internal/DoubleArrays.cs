using System.Buffers.Binary;

namespace Attune.Storage.Internal;

/// <summary>Encodes double arrays as little-endian IEEE-754 bytes, 8 per value, whatever the machine's byte order.</summary>
internal static class DoubleArrays
{
    public static byte[] ToBytes(double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return bytes;
    }

    public static double[] FromBytes(byte[] bytes)
    {
        if (bytes.Length % sizeof(double) != 0)
        {
            throw new InvalidDataException($"A stored double array has {bytes.Length} bytes, not a multiple of 8.");
        }

        var values = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        }

        return values;
    }
}
