namespace Attune.Data;

/// <summary>
/// Finds the shared data folder (which holds dsp/ and relabeled_hh_rlhf/; never copied into the repository): an explicit
/// path, else the environment variable <c>ATTUNE_SHARED_DATA</c>, else the first <c>shared/data</c> folder found walking up
/// from the current directory (then from the application's base directory).
/// </summary>
public static class SharedDataLocator
{
    /// <summary>Name of the environment variable that points at the shared data folder.</summary>
    public const string EnvironmentVariable = "ATTUNE_SHARED_DATA";

    /// <summary>The shared data folder, or null when none is found.</summary>
    /// <param name="explicitPath">Used as is when not null (it must exist).</param>
    public static string? Find(string? explicitPath = null)
    {
        if (explicitPath is not null)
        {
            return Directory.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        return WalkUp(Directory.GetCurrentDirectory()) ?? WalkUp(AppContext.BaseDirectory);
    }

    /// <summary>The shared data folder.</summary>
    /// <exception cref="DirectoryNotFoundException">None was found; the message says where it looked.</exception>
    public static string Require(string? explicitPath = null) =>
        Find(explicitPath) ?? throw new DirectoryNotFoundException(
            explicitPath is not null
                ? $"shared data folder '{explicitPath}' does not exist."
                : $"no shared data folder: set {EnvironmentVariable} or run below a folder that holds shared/data " +
                  $"(searched up from '{Directory.GetCurrentDirectory()}').");

    private static string? WalkUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
