using System.Globalization;

namespace Attune.Rpc.Internal;

/// <summary>
/// The <c>grpc-timeout</c> header: 1-8 ASCII digits and a unit (H hours, M minutes, S seconds, m milliseconds,
/// u microseconds, n nanoseconds).
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>Longest timeout a timer can take (about 24.8 days); longer ones are treated as no deadline at all.</summary>
    public static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    /// <summary>Parses a header value; false when it is malformed.</summary>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        long ticksPerUnit;
        switch (value[^1])
        {
            case 'H': ticksPerUnit = TimeSpan.TicksPerHour; break;
            case 'M': ticksPerUnit = TimeSpan.TicksPerMinute; break;
            case 'S': ticksPerUnit = TimeSpan.TicksPerSecond; break;
            case 'm': ticksPerUnit = TimeSpan.TicksPerMillisecond; break;
            case 'u': ticksPerUnit = TimeSpan.TicksPerMicrosecond; break;
            case 'n':
                timeout = TimeSpan.FromTicks(amount / 100);
                return true;
            default: return false;
        }

        timeout = TimeSpan.FromTicks(amount * ticksPerUnit);
        return true;
    }

    /// <summary>
    /// Formats a timeout exactly in the coarsest unit that divides it, else rounded up in the finest unit that fits in
    /// 8 digits (a call never gets less time than asked for); negative becomes 0.
    /// </summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        ReadOnlySpan<(long Ticks, char Unit)> coarseFirst =
        [
            (TimeSpan.TicksPerHour, 'H'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerMicrosecond, 'u'),
        ];
        foreach (var (unitTicks, unit) in coarseFirst)
        {
            if (ticks % unitTicks == 0 && ticks / unitTicks <= MaxValue)
            {
                return Text(ticks / unitTicks, unit);
            }
        }

        if (ticks <= MaxValue / 100)
        {
            return Text(ticks * 100, 'n');
        }

        for (var i = coarseFirst.Length - 1; i >= 0; i--)
        {
            var (unitTicks, unit) = coarseFirst[i];
            var amount = (ticks / unitTicks) + (ticks % unitTicks == 0 ? 0 : 1);
            if (amount <= MaxValue)
            {
                return Text(amount, unit);
            }
        }

        return Text(MaxValue, 'H');
    }

    private static string Text(long amount, char unit) =>
        amount.ToString(CultureInfo.InvariantCulture) + unit;
}
