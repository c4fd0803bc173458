namespace Attune.Gateway.Relay;

/// <summary>Receives decoded header fields. Implemented by structs in the relay (generic, no boxing).</summary>
internal interface IHpackSink
{
    /// <summary>
    /// One decoded field; the spans are only valid during the call. Names are lower-case as sent (HTTP/2 requires it).
    /// </summary>
    void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}
