namespace Attune.Storage;

/// <summary>Thrown when publishing a model version that is already published: versions are immutable.</summary>
public sealed class ModelVersionExistsException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="version"/>.</summary>
    public ModelVersionExistsException(long version, Exception? inner = null)
        : base($"Model version {version} is already published and cannot be overwritten.", inner) => Version = version;

    /// <summary>The version that exists.</summary>
    public long Version { get; }
}
