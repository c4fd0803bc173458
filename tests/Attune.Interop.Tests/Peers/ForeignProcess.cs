using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attune.Interop.Tests.Peers;

/// <summary>
/// What the grpc-go and grpc-js peers share: finding tools on PATH, the cache folder their builds and packages go to
/// (never the repository), running a build step, and streaming a scenario's JSON lines.
/// </summary>
public static class ForeignProcess
{
    /// <summary>
    /// Where built clients and installed packages are kept between runs, keyed by a hash of their sources:
    /// <c>ATTUNE_INTEROP_CACHE</c>, or <c>attune-interop-cache</c> in the temp folder.
    /// </summary>
    public static string CacheRoot { get; } = Environment.GetEnvironmentVariable("ATTUNE_INTEROP_CACHE")
        ?? Path.Combine(Path.GetTempPath(), "attune-interop-cache");

    /// <summary>The folder of the protos copied next to the test assembly.</summary>
    public static string ProtosDirectory => Path.Combine(AppContext.BaseDirectory, "protos");

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>A short hex hash of the files' contents (which cached build they belong to).</summary>
    public static string HashOf(params string[] files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    /// <summary>Runs a build step to its end (at most <paramref name="timeout"/>); returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(
        string file, IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"{file} timed out after {timeout}: {stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The scenario argument as the clients' <c>--arg</c> takes it.</summary>
    public static string ArgJson(object? arg) => arg switch
    {
        null => "{}",
        JsonNode node => node.ToJsonString(),
        _ => JsonSerializer.Serialize(arg),
    };

    /// <summary>
    /// Starts a client and yields each JSON line it prints; ends with the test's cancellation or after 60 s, and fails
    /// the test if the client exits non-zero.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> StreamAsync(
        ProcessStartInfo info, string what, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.StandardOutputEncoding = Encoding.UTF8;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, TestContext.Current.CancellationToken);
        linked.CancelAfter(TimeSpan.FromSeconds(60));
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(linked.Token) is { } line)
            {
                if (line.StartsWith('{'))
                {
                    yield return JsonDocument.Parse(line).RootElement.Clone();
                }
            }

            await process.WaitForExitAsync(linked.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"{what} exited {process.ExitCode}: {await stderr}");
        }
    }

    /// <summary>Deletes a folder, ignoring what cannot be deleted.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
