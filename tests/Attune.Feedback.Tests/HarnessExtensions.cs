using MassTransit;
using MassTransit.Testing;

namespace Attune.Feedback.Tests;

/// <summary>
/// Waits for a published message. The harness stops waiting once the bus has been idle for its inactivity timeout,
/// which a shared fixture soon is, so this polls instead (for up to the timeout given, 15 s by default).
/// </summary>
public static class HarnessExtensions
{
    public static async Task<bool> EventuallyPublished<T>(
        this ITestHarness harness, Func<PublishContext<T>, bool> match, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var ct = TestContext.Current.CancellationToken;
        while (!harness.Published.Select<T>(ct).Any(m => match(m.Context)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, ct);
        }

        return true;
    }
}
