using Attune.Contracts.V1;

namespace Attune.Generator.Domain;

/// <summary>
/// The adapter (<c>Services:Adapter</c>) as a Grpc.Net.ClientFactory client (retries on its idempotent Score, the
/// caller's deadline propagated); null when not configured.
/// </summary>
public sealed class AdapterPeer(IServiceProvider services, IConfiguration configuration)
{
    /// <summary>Configuration key of the adapter's address.</summary>
    public const string Key = "Services:Adapter";

    /// <summary>The adapter, or null when <see cref="Key"/> is unset.</summary>
    public AdapterService.AdapterServiceClient? Client => services.GetService<AdapterService.AdapterServiceClient>();

    /// <summary>The configured address, for messages.</summary>
    public string? Address => configuration[Key];
}
