using System.Diagnostics;
using System.Text.Json;

namespace Attune.Interop.Tests.Peers;

/// <summary>
/// grpc-go as an <see cref="IForeignClient"/>: <c>go/echoclient/main.go</c>, built once per source version at test time
/// with Debian's Go packages (<c>golang-go</c>, <c>golang-google-grpc-dev</c>, <c>golang-goprotobuf-dev</c>,
/// <c>protoc-gen-go-grpc</c>, <c>protobuf-compiler</c>) in GOPATH mode, as bench/grpc/run.sh builds its grpc-go peers.
/// Stubs and binary go to <see cref="ForeignProcess.CacheRoot"/>, never the repository.
/// </summary>
public sealed class GrpcGo : IForeignClient
{
    /// <summary>What to install when grpc-go is missing.</summary>
    public const string Install =
        "golang-go, golang-google-grpc-dev, golang-goprotobuf-dev, protoc-gen-go-grpc and protobuf-compiler (scripts/interop-deps --install)";

    /// <summary>Where Debian's Go packages put their sources.</summary>
    private const string DebianGoPath = "/usr/share/gocode";

    private static readonly Lazy<string?> LazyMissing = new(FindMissing);
    private static readonly Lazy<string> LazyBinary = new(Build);

    /// <inheritdoc />
    public string Name => "grpc-go";

    /// <inheritdoc />
    public bool Available => LazyMissing.Value is null;

    /// <inheritdoc />
    public string Requirement => $"{Install}; missing: {LazyMissing.Value}";

    /// <summary>The built client (built on first use).</summary>
    public static string Binary => LazyBinary.Value;

    /// <inheritdoc />
    public IAsyncEnumerable<JsonElement> StreamAsync(string target, string scenario, object? arg = null, string? apiKey = null)
    {
        var info = new ProcessStartInfo(Binary);
        foreach (var part in (string[])["--target", target, "--scenario", scenario, "--arg", ForeignProcess.ArgJson(arg)])
        {
            info.ArgumentList.Add(part);
        }

        if (apiKey is not null)
        {
            info.ArgumentList.Add("--api-key");
            info.ArgumentList.Add(apiKey);
        }

        return ForeignProcess.StreamAsync(info, $"grpc-go client scenario '{scenario}'");
    }

    private static string? FindMissing()
    {
        var missing = new[] { "go", "protoc", "protoc-gen-go", "protoc-gen-go-grpc" }.Where(t => ForeignProcess.Which(t) is null).ToList();
        if (!Directory.Exists(Path.Combine(DebianGoPath, "src", "google.golang.org", "grpc")))
        {
            missing.Add($"{DebianGoPath}/src/google.golang.org/grpc");
        }

        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    private static string Build()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "go", "echoclient", "main.go");
        var proto = Path.Combine(ForeignProcess.ProtosDirectory, "attune", "testing", "v1", "echo.proto");
        var folder = Path.Combine(ForeignProcess.CacheRoot, $"go-echoclient-{ForeignProcess.HashOf(source, proto)}");
        var binary = Path.Combine(folder, "echoclient");
        if (File.Exists(binary))
        {
            return binary;
        }

        var work = Directory.CreateTempSubdirectory("attune-interop-go-").FullName;
        try
        {
            var gopath = Path.Combine(work, "gopath");
            var src = Path.Combine(gopath, "src");
            Directory.CreateDirectory(src);
            Step("protoc", [$"-I{ForeignProcess.ProtosDirectory}", $"--go_out={src}", $"--go-grpc_out={src}", "attune/testing/v1/echo.proto"], null);
            var environment = new Dictionary<string, string>
            {
                ["GOPATH"] = $"{gopath}:{DebianGoPath}",
                ["GO111MODULE"] = "off",
                ["GOFLAGS"] = string.Empty,
                ["GOCACHE"] = Path.Combine(ForeignProcess.CacheRoot, "gocache"),
                ["CGO_ENABLED"] = "0",
            };
            var built = Path.Combine(work, "echoclient");
            Step("go", ["build", "-o", built, source], environment);
            Directory.CreateDirectory(folder);
            // Moved in under a unique name, then renamed: a concurrent test run sees the whole binary or none.
            var staged = $"{binary}.{Environment.ProcessId}.tmp";
            File.Copy(built, staged, overwrite: true);
            File.Move(staged, binary, overwrite: true);
            return binary;
        }
        finally
        {
            ForeignProcess.TryDelete(work);
        }
    }

    private static void Step(string tool, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var (exitCode, output) = ForeignProcess.Run(tool, args, null, environment, TimeSpan.FromMinutes(10));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Building the grpc-go client failed: {tool} {string.Join(' ', args)} exited {exitCode}: {output}");
        }
    }
}
