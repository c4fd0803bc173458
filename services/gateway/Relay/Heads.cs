using System.Text;

namespace Attune.Gateway.Relay;

/// <summary>Which header names the relay never forwards (hop-by-hop, RFC 9110 section 7.6.1, and those HTTP/2 forbids).</summary>
internal static class HopByHop
{
    /// <summary>True for connection, keep-alive, proxy-connection, transfer-encoding, upgrade, te, trailer, proxy-authenticate, proxy-authorization, host, content-length.</summary>
    public static bool Is(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => name.SequenceEqual("te"u8),
        4 => name.SequenceEqual("host"u8),
        7 => name.SequenceEqual("upgrade"u8) || name.SequenceEqual("trailer"u8),
        10 => name.SequenceEqual("connection"u8) || name.SequenceEqual("keep-alive"u8),
        14 => name.SequenceEqual("content-length"u8),
        16 => name.SequenceEqual("proxy-connection"u8),
        17 => name.SequenceEqual("transfer-encoding"u8),
        18 => name.SequenceEqual("proxy-authenticate"u8),
        19 => name.SequenceEqual("proxy-authorization"u8),
        _ => false,
    };
}

/// <summary>
/// A client's request header block, decoded: the pseudo-headers, what routing and authentication need (content type,
/// API key, authorization, grpc-timeout), and every other field already re-encoded for the backend. One per client
/// connection, reused stream after stream (headers are decoded on the connection's read loop only).
/// </summary>
internal sealed class RequestHead
{
    private readonly byte[] _method = new byte[16];
    private byte[] _path = new byte[256];
    private byte[] _key = new byte[Security.ApiKeyRegistry.MaxKeyLength];
    private byte[] _authorization = new byte[512];
    private int _methodLength;
    private int _pathLength;
    private int _keyLength;
    private int _authorizationLength;
    private bool _regularSeen;

    /// <summary>Fields other than pseudo-headers, keys and hop-by-hop ones, encoded for the backend.</summary>
    public HeaderBlock Regular { get; } = new();

    /// <summary>Why the block is malformed (RFC 9113 section 8.1.1), or null.</summary>
    public string? Malformed { get; private set; }

    /// <summary>The :path, as sent.</summary>
    public ReadOnlySpan<byte> Path => _path.AsSpan(0, _pathLength);

    /// <summary>The :method, as sent.</summary>
    public ReadOnlySpan<byte> Method => _method.AsSpan(0, _methodLength);

    /// <summary>Whether :method is POST.</summary>
    public bool IsPost => _method.AsSpan(0, _methodLength).SequenceEqual("POST"u8);

    /// <summary>Whether content-type is application/grpc (alone, or followed by '+' or ';').</summary>
    public bool IsGrpc { get; private set; }

    /// <summary>The number of x-api-key fields.</summary>
    public int KeyCount { get; private set; }

    /// <summary>The x-api-key value (when exactly one was sent).</summary>
    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <summary>Whether an authorization field was sent (only the first is kept).</summary>
    public bool HasAuthorization { get; private set; }

    /// <summary>The authorization value.</summary>
    public ReadOnlySpan<byte> Authorization => _authorization.AsSpan(0, _authorizationLength);

    /// <summary>The grpc-timeout value, or null.</summary>
    public string? GrpcTimeout { get; private set; }

    /// <summary>Whether :path, :method and :scheme were all present.</summary>
    public bool HasRequiredPseudoHeaders { get; private set; }

    private int _pseudo;

    /// <summary>Starts a new block.</summary>
    public void Reset()
    {
        Regular.Clear();
        Malformed = null;
        IsGrpc = false;
        KeyCount = 0;
        HasAuthorization = false;
        GrpcTimeout = null;
        HasRequiredPseudoHeaders = false;
        _methodLength = _pathLength = _keyLength = _authorizationLength = 0;
        _regularSeen = false;
        _pseudo = 0;
    }

    /// <summary>The :path as text (for routing and messages).</summary>
    public string PathText() => Encoding.ASCII.GetString(Path);

    /// <summary>One decoded field.</summary>
    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (name.IsEmpty)
        {
            Malformed ??= "An empty header name.";
            return;
        }

        if (name[0] == (byte)':')
        {
            if (_regularSeen)
            {
                Malformed ??= "A pseudo-header after a regular header.";
                return;
            }

            if (name.SequenceEqual(":method"u8))
            {
                _methodLength = Copy(value, _method, "method");
                _pseudo |= 1;
            }
            else if (name.SequenceEqual(":path"u8))
            {
                if (value.Length > _path.Length)
                {
                    _path = new byte[Math.Max(value.Length, _path.Length * 2)];
                }

                value.CopyTo(_path);
                _pathLength = value.Length;
                _pseudo |= 2;
            }
            else if (name.SequenceEqual(":scheme"u8))
            {
                _pseudo |= 4;
            }
            else if (!name.SequenceEqual(":authority"u8))
            {
                Malformed ??= "An unknown pseudo-header.";
            }

            HasRequiredPseudoHeaders = _pseudo == 7;
            return;
        }

        _regularSeen = true;
        if (name.IndexOfAnyInRange((byte)'A', (byte)'Z') >= 0)
        {
            Malformed ??= "An upper-case header name.";
            return;
        }

        if (HopByHop.Is(name))
        {
            return;
        }

        if (name.SequenceEqual("x-api-key"u8))
        {
            KeyCount++;
            if (value.Length > _key.Length)
            {
                _key = new byte[value.Length];
            }

            value.CopyTo(_key);
            _keyLength = value.Length;
            return;
        }

        if (name.SequenceEqual("authorization"u8) && !HasAuthorization)
        {
            HasAuthorization = true;
            if (value.Length > _authorization.Length)
            {
                _authorization = new byte[value.Length];
            }

            value.CopyTo(_authorization);
            _authorizationLength = value.Length;
            return;
        }

        if (name.SequenceEqual("content-type"u8))
        {
            var grpc = "application/grpc"u8;
            IsGrpc = value.Length >= grpc.Length && Ascii.EqualsIgnoreCase(value[..grpc.Length], grpc)
                && (value.Length == grpc.Length || value[grpc.Length] is (byte)'+' or (byte)';');
        }
        else if (name.SequenceEqual("grpc-timeout"u8))
        {
            GrpcTimeout = Encoding.ASCII.GetString(value);
        }

        Regular.Add(name, value);
    }

    private int Copy(ReadOnlySpan<byte> value, byte[] into, string what)
    {
        if (value.Length > into.Length)
        {
            Malformed ??= $"The {what} is too long.";
            return 0;
        }

        value.CopyTo(into);
        return value.Length;
    }
}

/// <summary>Receives a client's request header block into a <see cref="RequestHead"/>.</summary>
internal struct RequestSink(RequestHead head) : IHpackSink
{
    /// <inheritdoc />
    public readonly void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => head.Add(name, value);
}

/// <summary>
/// A header block passing straight through (client trailers, backend response headers and trailers): every field but
/// hop-by-hop ones re-encoded, and what the relay must know: the :status, and whether grpc-status was there.
/// </summary>
internal sealed class PassingHead
{
    /// <summary>The fields, encoded for the other side (the :status first when there was one).</summary>
    public HeaderBlock Block { get; } = new();

    /// <summary>The :status, or 0 when none came.</summary>
    public int Status { get; private set; }

    /// <summary>Whether a grpc-status field came.</summary>
    public bool HasGrpcStatus { get; private set; }

    /// <summary>Starts a new block.</summary>
    public void Reset()
    {
        Block.Clear();
        Status = 0;
        HasGrpcStatus = false;
    }

    /// <summary>One decoded field.</summary>
    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (name.SequenceEqual(":status"u8))
        {
            Status = value.Length == 3 && value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                ? ((value[0] - '0') * 100) + ((value[1] - '0') * 10) + (value[2] - '0')
                : 0;
        }
        else if (HopByHop.Is(name))
        {
            return;
        }
        else if (name.SequenceEqual("grpc-status"u8))
        {
            HasGrpcStatus = true;
        }

        Block.Add(name, value);
    }
}

/// <summary>Receives a header block into a <see cref="PassingHead"/>.</summary>
internal struct PassingSink(PassingHead head) : IHpackSink
{
    /// <inheritdoc />
    public readonly void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => head.Add(name, value);
}

/// <summary>Drops a header block (one that must still be decoded to keep the HPACK tables in step).</summary>
internal struct DiscardSink : IHpackSink
{
    /// <inheritdoc />
    public readonly void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
    }
}
