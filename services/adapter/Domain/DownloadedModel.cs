namespace Attune.Adapter.Domain;

/// <summary>A model file whose size and SHA-256 (lower-case hex) were checked.</summary>
public sealed record DownloadedModel(long Version, byte[] Content, string Sha256);
