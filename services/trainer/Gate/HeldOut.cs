using System.Security.Cryptography;

namespace Attune.Trainer.Gate;

/// <summary>
/// The held-out slice the promotion gate scores on: a comparison is held out when the first 8 bytes of SHA-256 of its id
/// (as a big-endian number) modulo 100 fall below the held-out percentage. Stable across jobs and processes, so every
/// candidate and the model in force are scored on the same comparisons, and no model trains on them.
/// </summary>
public static class HeldOut
{
    /// <summary>Whether comparison <paramref name="id"/> is in a <paramref name="percent"/>% held-out slice.</summary>
    public static bool Contains(Guid id, int percent)
    {
        if (percent <= 0)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        var bucket = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 100;
        return bucket < (ulong)percent;
    }
}
