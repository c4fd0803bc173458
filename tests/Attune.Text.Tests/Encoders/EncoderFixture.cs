using Attune.Text.Encoders;

namespace Attune.Text.Tests.Encoders;

/// <summary>The process's one-thread CPU encoder (the model loads once for every test), and helpers on its vectors.</summary>
internal static class EncoderFixture
{
    public static MiniLmTextEncoder Encoder => MiniLmTextEncoder.Shared(new MiniLmOptions(intraOpThreads: 1));

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return max;
    }

    /// <summary>A text of <paramref name="words"/> distinct lower-case words, each one or more word pieces.</summary>
    public static string Words(int words, string stem = "token") =>
        string.Join(' ', Enumerable.Range(0, words).Select(i => $"{stem}{i}"));
}
