using System.Collections.Concurrent;
using Attune.Contracts.V1;

namespace Attune.Adapter.Tests;

/// <summary>What the test peers serve and what they were sent.</summary>
public sealed class PeerState
{
    /// <summary>Model files by version.</summary>
    public ConcurrentDictionary<long, byte[]> Models { get; } = new();

    /// <summary>Comparisons recorded through the fake feedback service.</summary>
    public ConcurrentQueue<Comparison> Recorded { get; } = new();

    /// <summary>While true, RecordComparison answers UNAVAILABLE as the real service does when its store is down.</summary>
    public volatile bool FeedbackDown;

    /// <summary>While true, DownloadModel announces a wrong SHA-256.</summary>
    public volatile bool CorruptChecksum;

    /// <summary>DownloadModel calls served.</summary>
    public int Downloads;
}
