namespace Attune.Generator.Domain;

/// <summary>
/// How long a call to a peer (backend or adapter) may take: its own cap, shortened to end a little before the caller's
/// deadline (by a tenth of the time left, at most 100 ms) so that the caller reads which peer was slow instead of a bare
/// "Deadline exceeded.".
/// </summary>
public static class CallBudget
{
    /// <summary>The budget from now; at least one tick.</summary>
    /// <param name="deadline">The caller's deadline (UTC), <see cref="DateTime.MaxValue"/> for none.</param>
    /// <param name="cap">The peer's own timeout.</param>
    public static TimeSpan Of(DateTime deadline, TimeSpan cap)
    {
        if (deadline == DateTime.MaxValue)
        {
            return cap;
        }

        var left = deadline - DateTime.UtcNow;
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(100).Ticks, Math.Max(0, left.Ticks / 10)));
        return TimeSpan.FromTicks(Math.Max(1, Math.Min(cap.Ticks, (left - margin).Ticks)));
    }
}
