namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// Polls a condition that other processes make true, failing with what was awaited (and what the services logged) once
/// the timeout passes. Timeouts are generous limits for a slow, shared machine, never a pass condition.
/// </summary>
public static class Eventually
{
    /// <summary>The default limit: long enough for a training and a model switch on two busy cores.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public static async Task ThatAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}{(diagnostics is null ? "" : Environment.NewLine + diagnostics())}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
