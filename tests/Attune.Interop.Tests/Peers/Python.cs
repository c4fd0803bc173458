using System.Diagnostics;

namespace Attune.Interop.Tests.Peers;

/// <summary>
/// The python grpcio installation the peers run on (Debian's <c>python3-grpcio</c> and <c>python3-grpc-tools</c>, seen only by
/// <c>/usr/bin/python3</c>; override with <c>ATTUNE_TEST_PYTHON</c>), and the stubs generated once per test run.
/// </summary>
public static class Python
{
    /// <summary>What to install when python grpcio is missing.</summary>
    public const string Requirement =
        "python3-grpcio and python3-grpc-tools for /usr/bin/python3 (scripts/interop-deps --install)";

    private static readonly Lazy<bool> LazyAvailable = new(Probe);
    private static readonly Lazy<string> LazyStubs = new(GenerateStubs);

    /// <summary>The interpreter.</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("ATTUNE_TEST_PYTHON") ?? "/usr/bin/python3";

    /// <summary>True when the interpreter imports grpc and grpc_tools.</summary>
    public static bool Available => LazyAvailable.Value;

    /// <summary>The folder holding the generated <c>_pb2</c> modules (a temp folder, generated on first use).</summary>
    public static string StubsDirectory => LazyStubs.Value;

    /// <summary>The path of a peer script copied next to the test assembly.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    /// <summary>A start info for a python script, with unbuffered UTF-8 output and redirected streams.</summary>
    public static ProcessStartInfo StartInfo(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        info.ArgumentList.Add(Script(script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["PYTHONUNBUFFERED"] = "1";
        return info;
    }

    /// <summary>What to install when python requests is missing.</summary>
    public const string RequestsRequirement = "python3-requests for /usr/bin/python3 (scripts/interop-deps --install)";

    private static readonly Lazy<bool> LazyRequests = new(() => Imports("requests"));

    /// <summary>True when the interpreter imports requests (the HTTP client OpenRLHF's remote reward model calls with).</summary>
    public static bool RequestsAvailable => LazyRequests.Value;

    private static bool Probe() => Imports("grpc, grpc_tools.protoc");

    private static bool Imports(string modules)
    {
        try
        {
            var info = new ProcessStartInfo(Executable, ["-c", "import " + modules])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            return process.WaitForExit(30_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string GenerateStubs()
    {
        var output = Path.Combine(Path.GetTempPath(), $"attune-interop-stubs-{Environment.ProcessId}");
        var protos = Path.Combine(AppContext.BaseDirectory, "protos");
        using var process = Process.Start(StartInfo("interop_gen.py", protos, output))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Generating python stubs failed ({process.ExitCode}): {stderr.Result}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(output);
        return output;
    }

    private static void TryDelete(string directory)
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
