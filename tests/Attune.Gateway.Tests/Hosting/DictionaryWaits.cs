using System.Collections.Concurrent;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>Waiting for a backend to record a call.</summary>
public static class DictionaryWaits
{
    /// <summary>Polls until <paramref name="key"/> is present; fails the test after <paramref name="patience"/> (a hang guard, not a pass condition).</summary>
    public static async Task WaitForKeyAsync<TValue>(this ConcurrentDictionary<string, TValue> dictionary, string key, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var until = DateTime.UtcNow + patience;
        while (!dictionary.ContainsKey(key))
        {
            Assert.True(DateTime.UtcNow < until, $"The backend never saw the call '{key}'.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
