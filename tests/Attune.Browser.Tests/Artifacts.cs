namespace Attune.Browser.Tests;

/// <summary>
/// Where the screenshots go: <c>ATTUNE_TEST_ARTIFACTS</c>, or <c>TestResults/screenshots</c> in this test project's
/// folder (next to the other test results, ignored by git).
/// </summary>
public static class Artifacts
{
    /// <summary>The folder, created when missing.</summary>
    public static string Directory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("ATTUNE_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots");
            dir = Path.GetFullPath(dir);
            System.IO.Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>The path of a screenshot named <paramref name="name"/>.</summary>
    public static string Screenshot(string name) => Path.Combine(Directory, name + ".png");
}
