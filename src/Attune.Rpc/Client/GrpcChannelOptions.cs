namespace Attune.Rpc;

/// <summary>Settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (after decompression); default 4 MiB. Larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcServerOptions.DefaultMaxMessageSize;

    /// <summary>Largest request message sent; null (the default) for no limit. Larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Most attempts of an idempotent unary call failing with UNAVAILABLE, first included; default 3, 1 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Upper bound of the first retry's random delay; each later bound is multiplied by <see cref="BackoffMultiplier"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the backoff bound.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Growth of the backoff bound per attempt.</summary>
    public double BackoffMultiplier { get; set; } = 2.0;

    /// <summary>
    /// The handler to send with, e.g. one with custom certificate validation; null creates a SocketsHttpHandler set up
    /// for gRPC (multiple HTTP/2 connections, keep-alive pings, no proxy, no redirects).
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>; the channel's own handler is always disposed.</summary>
    public bool DisposeHttpHandler { get; set; }

    internal void Validate()
    {
        if (MaxReceiveMessageSize < 1 || MaxSendMessageSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReceiveMessageSize), "Message size limits must be at least 1 byte.");
        }

        if (MaxRetryAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), MaxRetryAttempts, "At least one attempt is needed.");
        }

        if (BackoffMultiplier < 1 || InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffMultiplier), "Backoff needs multiplier >= 1 and 0 <= initial <= max.");
        }
    }
}
