using Microsoft.Extensions.Configuration;

namespace Attune.ServiceDefaults;

/// <summary>
/// Where a service keeps its data: the section <c>Storage:{Name}</c> (<c>Provider</c>, <c>ConnectionString</c>), or, when
/// it names no connection string, a SQLite file under the data folder <c>Attune:DataDir</c> (default <c>.data</c>, or
/// the environment variable <c>Attune__DataDir</c>), which is the embedded default.
/// </summary>
public static class StorageConfiguration
{
    /// <summary>The configuration key of the data folder.</summary>
    public const string DataDirKey = "Attune:DataDir";

    /// <summary>The data folder: <c>Attune:DataDir</c> or <c>.data</c>, created when missing.</summary>
    public static string DataDirectory(this IConfiguration configuration)
    {
        var dir = Path.GetFullPath(configuration[DataDirKey] is { Length: > 0 } d ? d : ".data");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The storage section of <paramref name="name"/>, defaulted to SQLite at <paramref name="sqliteFile"/>.</summary>
    public static IConfigurationSection GetStorageSection(this IConfigurationManager configuration, string name, string sqliteFile)
    {
        var path = $"Storage:{name}";
        if (string.IsNullOrWhiteSpace(configuration[$"{path}:ConnectionString"]))
        {
            configuration[$"{path}:Provider"] = "sqlite";
            configuration[$"{path}:ConnectionString"] = $"Data Source={Path.Combine(configuration.DataDirectory(), sqliteFile)}";
        }

        return configuration.GetSection(path);
    }
}
