namespace Attune.Adapter.Domain;

/// <summary>A pair of responses to one prompt, unordered: (a, b) and (b, a) are the same key.</summary>
public readonly record struct PairKey
{
    /// <summary>Orders the two responses ordinally.</summary>
    public PairKey(string prompt, string responseA, string responseB)
    {
        Prompt = prompt;
        (First, Second) = string.CompareOrdinal(responseA, responseB) <= 0 ? (responseA, responseB) : (responseB, responseA);
    }

    public string Prompt { get; }

    public string First { get; }

    public string Second { get; }
}
