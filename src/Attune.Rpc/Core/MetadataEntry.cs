using System.Text;

namespace Attune.Rpc;

/// <summary>One metadata entry: a lowercase key with a text value, or a binary value when the key ends in <c>-bin</c>.</summary>
public sealed class MetadataEntry
{
    private readonly string? _text;
    private readonly byte[]? _bytes;

    internal MetadataEntry(string key, string? text, byte[]? bytes)
    {
        Key = key;
        _text = text;
        _bytes = bytes;
    }

    /// <summary>The key, lowercase.</summary>
    public string Key { get; }

    /// <summary>True for a <c>-bin</c> key, whose value is bytes (base64 on the wire).</summary>
    public bool IsBinary => _bytes is not null;

    /// <summary>The text value; for a binary entry, its bytes as base64.</summary>
    public string Value => _text ?? Convert.ToBase64String(_bytes!);

    /// <summary>The binary value; for a text entry, its UTF-8 bytes.</summary>
    public byte[] ValueBytes => _bytes ?? Encoding.UTF8.GetBytes(_text!);

    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Value}";
}
