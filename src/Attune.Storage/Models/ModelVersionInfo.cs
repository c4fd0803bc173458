namespace Attune.Storage;

/// <summary>A published model version's metadata (without its bytes).</summary>
/// <param name="Version">Allocated increasing from 1; never reused or overwritten.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="MetadataJson">The JSON object published with it (k, users, comparisons, metrics, ...).</param>
/// <param name="SizeBytes">Length of the model bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the model bytes, checked on every read.</param>
public sealed record ModelVersionInfo(long Version, DateTimeOffset PublishedAt, string MetadataJson, long SizeBytes, string Sha256);
