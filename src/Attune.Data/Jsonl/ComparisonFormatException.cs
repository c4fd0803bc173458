namespace Attune.Data.Jsonl;

/// <summary>A line of a comparison JSONL file is invalid; the message starts with "line N, field F:".</summary>
public sealed class ComparisonFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="lineNumber"/> (1-based) and <paramref name="field"/>.</summary>
    public ComparisonFormatException(long lineNumber, string? field, string message, Exception? inner = null)
        : base(field is null ? $"line {lineNumber}: {message}" : $"line {lineNumber}, field {field}: {message}", inner)
    {
        LineNumber = lineNumber;
        Field = field;
    }

    /// <summary>1-based line number of the bad line.</summary>
    public long LineNumber { get; }

    /// <summary>The JSON field at fault, or null when the whole line is (not JSON, not an object).</summary>
    public string? Field { get; }
}
