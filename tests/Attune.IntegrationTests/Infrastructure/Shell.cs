using System.Diagnostics;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>Runs a short command (rabbitmqctl, bash) and fails with its output when it exits non-zero.</summary>
public static class Shell
{
    /// <summary>Whether <paramref name="command"/> is on PATH.</summary>
    public static bool Exists(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Any(dir => File.Exists(Path.Combine(dir, command)));

    /// <summary>Whether this process runs as root, which rabbitmqctl (it switches to the rabbitmq user) needs.</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Whether rabbitmqctl can be run: on PATH, and as root or through password-less sudo.</summary>
    public static bool CanRunRabbitMqCtl => Exists("rabbitmqctl") && (IsRoot || Exists("sudo"));

    /// <summary>rabbitmqctl with <paramref name="arguments"/>, through <c>sudo -n</c> when not root (as scripts/lib/servers.sh does).</summary>
    public static Task<string> RabbitMqCtlAsync(params string[] arguments) =>
        IsRoot ? RunAsync("rabbitmqctl", arguments) : RunAsync("sudo", ["-n", "rabbitmqctl", .. arguments]);

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
