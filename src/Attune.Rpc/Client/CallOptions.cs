namespace Attune.Rpc;

/// <summary>Per-call settings. <c>default</c> means no deadline, no cancellation, no metadata, no compression.</summary>
public readonly record struct CallOptions
{
    /// <summary>The deadline (UTC). Sent as <c>grpc-timeout</c> and enforced locally: the call ends with DEADLINE_EXCEEDED.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancels the call (the stream is reset and the call ends with CANCELLED).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Request metadata.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Request message compression: null (none) or "gzip".</summary>
    public string? Compression { get; init; }

    /// <summary>Options with a deadline <paramref name="timeout"/> from now.</summary>
    public static CallOptions WithTimeout(TimeSpan timeout) => new() { Deadline = DateTime.UtcNow + timeout };
}
