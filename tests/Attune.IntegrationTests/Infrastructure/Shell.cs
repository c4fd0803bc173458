using System.Diagnostics;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>Runs a short command (rabbitmqctl, bash) and fails with its output when it exits non-zero.</summary>
public static class Shell
{
    /// <summary>Whether <paramref name="command"/> is on PATH.</summary>
    public static bool Exists(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Any(dir => File.Exists(Path.Combine(dir, command)));

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; returns stdout, throws on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }

        return await stdout;
    }
}
