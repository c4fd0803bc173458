using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Attune.Storage.Internal;

/// <summary>The opaque keyset page token: the sequence number below which the next page starts, base64url-encoded.</summary>
internal static class PageToken
{
    private const string Prefix = "c1:";

    public static string Encode(long beforeSequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + beforeSequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The sequence bound in <paramref name="token"/>; <see cref="long.MaxValue"/> for a first page.</summary>
    /// <exception cref="ArgumentException">The token is malformed (parameter <c>page_token</c>).</exception>
    public static long Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return long.MaxValue;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw Malformed();
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal)
            || !long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence <= 0)
        {
            throw Malformed();
        }

        return sequence;
    }

    private static ArgumentException Malformed() =>
        new("page_token is malformed: pass back a next_page_token exactly as returned.", "page_token");
}
