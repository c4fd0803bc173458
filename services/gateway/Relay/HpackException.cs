namespace Attune.Gateway.Relay;

/// <summary>Thrown for a malformed header block (the relay answers COMPRESSION_ERROR, a connection error).</summary>
internal sealed class HpackException : Exception
{
    /// <summary>Creates the exception with what was wrong with the block.</summary>
    public HpackException(string message)
        : base(message)
    {
    }
}
