using System.Collections.Concurrent;

namespace Attune.Generator.Tests;

/// <summary>What the fake LLM answers and how it misbehaves; what it was asked.</summary>
public sealed class FakeLlmState
{
    /// <summary>The full responses it "samples" from; a continuation continues one that starts with the prefix.</summary>
    public IReadOnlyList<string> Scripts { get; set; } = [];

    /// <summary>While set, every request waits this long before answering (a slow backend).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>While set, every request is answered with this HTTP status and an error body.</summary>
    public int? FailWith { get; set; }

    /// <summary>While true, one choice per request whatever n asks (as Ollama and llama.cpp's server do).</summary>
    public bool IgnoreN { get; set; }

    /// <summary>Requests received, failed ones included.</summary>
    public int Requests;

    /// <summary>Requests served, in order.</summary>
    public ConcurrentQueue<FakeLlmCall> Calls { get; } = new();

    /// <summary>Restores the defaults between tests.</summary>
    public void Reset(IReadOnlyList<string> scripts)
    {
        Scripts = scripts;
        Delay = TimeSpan.Zero;
        FailWith = null;
        IgnoreN = false;
        Calls.Clear();
        Requests = 0;
    }
}
