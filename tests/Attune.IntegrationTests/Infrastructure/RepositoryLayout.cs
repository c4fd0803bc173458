namespace Attune.IntegrationTests.Infrastructure;

/// <summary>Where the repository and the services' build outputs are, seen from this test assembly's bin folder.</summary>
public static class RepositoryLayout
{
    /// <summary>The repository root: the nearest folder above this assembly holding Microservices.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>scripts/lib/servers.sh, whose functions start and stop the servers the tests use.</summary>
    public static string ServersScript => Path.Combine(Root, "scripts", "lib", "servers.sh");

    /// <summary>The service's assembly under services/NAME/bin/CONFIG/TFM, built with the same configuration as this one.</summary>
    public static string ServiceAssembly(string service, string assembly)
    {
        // This assembly lives in tests/Attune.IntegrationTests/bin/CONFIG/TFM/.
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, config) = (bin.Name, bin.Parent!.Name);
        return Path.Combine(Root, "services", service, "bin", config, tfm, assembly + ".dll");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Microservices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Microservices.sln above {AppContext.BaseDirectory}.");
    }
}
