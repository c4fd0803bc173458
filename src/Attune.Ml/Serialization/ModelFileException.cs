namespace Attune.Ml.Serialization;

/// <summary>A model file that is not one, has an unknown format version, is truncated or is corrupt.</summary>
public sealed class ModelFileException : IOException
{
    public ModelFileException(string message)
        : base(message)
    {
    }

    public ModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
