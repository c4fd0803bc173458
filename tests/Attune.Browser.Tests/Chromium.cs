using Microsoft.Playwright;

namespace Attune.Browser.Tests;

/// <summary>
/// Debian's Chromium (<c>apt-get install chromium</c>; override with <c>ATTUNE_TEST_CHROMIUM</c>) launched by Playwright
/// headless with the options ENVIRONMENT.md gives; Playwright's own browser download is never used.
/// </summary>
public static class Chromium
{
    /// <summary>What to install when Chromium is missing.</summary>
    public const string Requirement = "Debian's chromium (apt-get install chromium)";

    /// <summary>The browser executable.</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("ATTUNE_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>True when the executable exists.</summary>
    public static bool Available => File.Exists(Executable);

    /// <summary>Launches the browser.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }
}
