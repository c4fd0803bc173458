namespace Attune.Testing;

/// <summary>
/// Gates tests on real servers (RabbitMQ, PostgreSQL, Chromium, foreign gRPC peers): a missing server skips the test on a
/// developer's machine but fails it under CI (<c>CI=true</c>), so nothing silently stops being tested.
/// </summary>
public static class Requires
{
    /// <summary>True when running under CI, where every server must be present.</summary>
    public static bool UnderCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (locally) or fails (under CI) unless <paramref name="available"/>.</summary>
    /// <param name="available">Whether the server or tool was found.</param>
    /// <param name="what">What is missing and how to get it, e.g. "python3-grpcio (apt-get install python3-grpcio)".</param>
    public static void That(bool available, string what)
    {
        if (available)
        {
            return;
        }

        if (UnderCi)
        {
            Assert.Fail($"Required under CI but missing: {what}");
        }

        Assert.Skip($"Missing locally, skipped (fails under CI=true): {what}");
    }
}
