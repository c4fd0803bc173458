using System.Security.Cryptography;
using System.Text;

namespace Attune.Text.Encoders;

/// <summary>
/// The content address of one encoding: SHA-256 of the UTF-8 bytes of <c>{encoderId}\n{text}</c>, as 64 lower-case hex
/// characters. The exact text counts (no trimming or case folding): two texts that differ anywhere have different keys.
/// </summary>
public static class ContentKey
{
    /// <summary>The key of <paramref name="text"/> under the encoder <paramref name="encoderId"/>.</summary>
    public static string Of(string encoderId, string text)
    {
        ArgumentNullException.ThrowIfNull(encoderId);
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(encoderId + "\n" + text)));
    }
}
