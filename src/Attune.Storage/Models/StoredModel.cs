namespace Attune.Storage;

/// <summary>A published model version with its bytes.</summary>
/// <param name="Info">Version and metadata.</param>
/// <param name="Content">The serialized model, exactly as published.</param>
public sealed record StoredModel(ModelVersionInfo Info, byte[] Content);
