namespace Attune.Bench.Services;

/// <summary>One line of the report: a measured call and its peer, at one concurrency.</summary>
internal sealed record Row(string Section, string What, int Concurrency, LoadResult Measured, string PeerName, LoadResult Peer);
