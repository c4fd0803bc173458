using System.Diagnostics;
using System.Text.Json;

namespace Attune.Interop.Tests.Peers;

/// <summary>
/// grpc-js as an <see cref="IForeignClient"/>: <c>js/echo_client.js</c> on the <c>node</c> on PATH, with
/// <c>@grpc/grpc-js</c> and <c>@grpc/proto-loader</c> installed at test time by <c>npm ci</c> (the versions of
/// <c>js/package-lock.json</c>, from the npm registry) into <see cref="ForeignProcess.CacheRoot"/>, never the repository.
/// </summary>
public sealed class GrpcJs : IForeignClient
{
    /// <summary>What to install when grpc-js is missing.</summary>
    public const string Install = "node and npm on PATH, and the npm registry reachable (npm ci of tests/Attune.Interop.Tests/js)";

    private static readonly Lazy<(string? Modules, string? Missing)> LazyModules = new(InstallPackages);

    /// <inheritdoc />
    public string Name => "grpc-js";

    /// <inheritdoc />
    public bool HalfClosesOnCancel => true;

    /// <inheritdoc />
    public bool Available => LazyModules.Value.Modules is not null;

    /// <inheritdoc />
    public string Requirement => $"{Install}; missing: {LazyModules.Value.Missing}";

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "js");

    /// <inheritdoc />
    public IAsyncEnumerable<JsonElement> StreamAsync(string target, string scenario, object? arg = null, string? apiKey = null)
    {
        var info = new ProcessStartInfo("node");
        string[] args =
        [
            Path.Combine(Folder, "echo_client.js"), "--protos", ForeignProcess.ProtosDirectory, "--target", target,
            "--scenario", scenario, "--arg", ForeignProcess.ArgJson(arg),
        ];
        foreach (var part in args)
        {
            info.ArgumentList.Add(part);
        }

        if (apiKey is not null)
        {
            info.ArgumentList.Add("--api-key");
            info.ArgumentList.Add(apiKey);
        }

        info.Environment["NODE_PATH"] = LazyModules.Value.Modules;
        return ForeignProcess.StreamAsync(info, $"grpc-js client scenario '{scenario}'");
    }

    private static (string?, string?) InstallPackages()
    {
        var missing = new[] { "node", "npm" }.Where(t => ForeignProcess.Which(t) is null).ToList();
        if (missing.Count > 0)
        {
            return (null, string.Join(", ", missing));
        }

        var manifest = Path.Combine(Folder, "package.json");
        var lockFile = Path.Combine(Folder, "package-lock.json");
        var folder = Path.Combine(ForeignProcess.CacheRoot, $"js-{ForeignProcess.HashOf(manifest, lockFile)}");
        var modules = Path.Combine(folder, "node_modules");
        var done = Path.Combine(folder, ".installed");
        if (File.Exists(done))
        {
            return (modules, null);
        }

        Directory.CreateDirectory(ForeignProcess.CacheRoot);
        var work = Path.Combine(ForeignProcess.CacheRoot, $"js-install-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            File.Copy(manifest, Path.Combine(work, "package.json"));
            File.Copy(lockFile, Path.Combine(work, "package-lock.json"));
            var (exitCode, output) = ForeignProcess.Run(
                "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], work, null, TimeSpan.FromMinutes(5));
            if (exitCode != 0)
            {
                return (null, $"npm ci exited {exitCode}: {output.Trim()}");
            }

            File.WriteAllText(Path.Combine(work, ".installed"), DateTime.UtcNow.ToString("O"));
            if (Directory.Exists(folder) && !File.Exists(done))
            {
                ForeignProcess.TryDelete(folder); // a stale, unfinished install
            }

            try
            {
                Directory.Move(work, folder);
            }
            catch (IOException) when (File.Exists(done))
            {
                // Another test run installed the same versions meanwhile.
            }

            return (modules, null);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                ForeignProcess.TryDelete(work);
            }
        }
    }
}
