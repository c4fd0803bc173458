using MassTransit;
using MassTransit.Testing;

namespace Attune.Trainer.Tests;

/// <summary>
/// Waits on the harness by polling (its own waits stop once the bus has been idle for its inactivity timeout, which a
/// shared fixture soon is), for up to the timeout given (30 s by default).
/// </summary>
public static class HarnessExtensions
{
    public static Task<bool> EventuallyPublished<T>(this ITestHarness harness, Func<PublishContext<T>, bool> match, TimeSpan? timeout = null)
        where T : class =>
        Eventually(() => harness.Published.Select<T>(TestContext.Current.CancellationToken).Any(m => match(m.Context)), timeout);

    public static Task<bool> EventuallyConsumed<T>(this ITestHarness harness, Func<ConsumeContext<T>, bool> match, int count = 1, TimeSpan? timeout = null)
        where T : class =>
        Eventually(() => harness.Consumed.Select<T>(TestContext.Current.CancellationToken).Count(m => match(m.Context)) >= count, timeout);

    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return true;
    }

    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
