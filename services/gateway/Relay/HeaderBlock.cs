using System.Text;

namespace Attune.Gateway.Relay;

/// <summary>A header block being encoded (with <see cref="HpackEncoder"/>, no dynamic table), reused from call to call.</summary>
internal sealed class HeaderBlock
{
    private byte[] _buffer = new byte[1024];

    /// <summary>Bytes encoded so far.</summary>
    public int Length { get; private set; }

    /// <summary>The encoded block.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Starts a new block.</summary>
    public void Clear() => Length = 0;

    /// <summary>Appends one field.</summary>
    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Ensure(HpackEncoder.MaxLength(name.Length, value.Length));
        Length += HpackEncoder.WriteHeader(name, value, _buffer.AsSpan(Length));
    }

    /// <summary>Appends one field of ASCII (or UTF-8) text.</summary>
    public void Add(ReadOnlySpan<byte> name, string value)
    {
        Span<byte> utf8 = value.Length <= 256 ? stackalloc byte[value.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Add(name, utf8[..length]);
    }

    /// <summary>Appends another block's bytes.</summary>
    public void Append(ReadOnlySpan<byte> encoded)
    {
        Ensure(encoded.Length);
        encoded.CopyTo(_buffer.AsSpan(Length));
        Length += encoded.Length;
    }

    private void Ensure(int more)
    {
        if (Length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
        }
    }
}
