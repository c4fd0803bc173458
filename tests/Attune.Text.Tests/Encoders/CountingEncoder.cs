using Attune.Text.Encoders;

namespace Attune.Text.Tests.Encoders;

/// <summary>Passes texts to the real encoder and counts how often each text reached it.</summary>
internal sealed class CountingEncoder(ITextEncoder inner) : ITextEncoder
{
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    public string Id => inner.Id;

    public int Dimension => inner.Dimension;

    public int Calls(string text)
    {
        lock (_calls)
        {
            return _calls.GetValueOrDefault(text);
        }
    }

    public int TotalCalls
    {
        get
        {
            lock (_calls)
            {
                return _calls.Values.Sum();
            }
        }
    }

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        lock (_calls)
        {
            foreach (var t in texts)
            {
                _calls[t] = _calls.GetValueOrDefault(t) + 1;
            }
        }

        return inner.Encode(texts, cancellationToken);
    }
}
