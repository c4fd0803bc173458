using System.Security.Cryptography;
using System.Text;

namespace Attune.Trainer.Models;

/// <summary>
/// A bus message id derived from a name (a UUID version 8 of SHA-256, RFC 9562): publishing the same announcement again
/// sends the same id, so consumers that deduplicate see it once.
/// </summary>
public static class StableMessageId
{
    /// <summary>The id of <paramref name="name"/>, e.g. <c>attune.trainer.ModelTrained:3</c>.</summary>
    public static Guid From(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom), RFC 9562
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
