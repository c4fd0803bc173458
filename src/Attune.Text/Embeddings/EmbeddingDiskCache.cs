using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Attune.Text.Embeddings;

/// <summary>
/// On-disk cache of embedding vectors keyed by model and the SHA-256 of the text:
/// <c>{root}/{model-slug}-{sha256(model)[..8]}/{h[..2]}/{h}.vec</c> with h the hex SHA-256 of the UTF-8 text. A file holds
/// the magic <c>AEV1</c>, the dimension (int32, little-endian) and the floats (little-endian). Safe under concurrent
/// processes: each writer writes a uniquely named temporary file in the same folder and renames it over the final name
/// (atomic on POSIX and NTFS), so a reader sees either no file or a whole one; a torn or foreign file reads as a miss.
/// </summary>
public sealed class EmbeddingDiskCache
{
    private static readonly byte[] Magic = "AEV1"u8.ToArray();

    /// <summary>A cache rooted at <paramref name="root"/> (created when missing).</summary>
    /// <exception cref="ArgumentException"><paramref name="root"/> is empty.</exception>
    public EmbeddingDiskCache(string root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new ArgumentException("root must be a directory path.", nameof(root));
        }

        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The cache's root directory.</summary>
    public string Root { get; }

    /// <summary>The file that holds the vector of <paramref name="text"/> under <paramref name="model"/>.</summary>
    public string PathFor(string model, string text)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        var modelHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(model)))[..8];
        var slug = new string(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        if (slug.Length > 64)
        {
            slug = slug[..64];
        }

        var h = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return Path.Combine(Root, $"{slug}-{modelHash}", h[..2], h + ".vec");
    }

    /// <summary>The cached vector, or null on a miss (no file, or a file that is not a whole cache entry).</summary>
    public float[]? TryGet(string model, string text)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(PathFor(model, text));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (bytes.Length < 8 || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return null;
        }

        var dim = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4, 4));
        if (dim < 0 || bytes.Length != 8 + (4L * dim))
        {
            return null;
        }

        var vector = new float[dim];
        for (var i = 0; i < dim; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (4 * i), 4));
        }

        return vector;
    }

    /// <summary>Stores <paramref name="vector"/> for <paramref name="text"/> under <paramref name="model"/> (atomic replace).</summary>
    public void Put(string model, string text, ReadOnlySpan<float> vector)
    {
        var path = PathFor(model, text);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var bytes = new byte[8 + (4 * vector.Length)];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4, 4), vector.Length);
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + (4 * i), 4), vector[i]);
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
