using Attune.Contracts.V1;
using Attune.Gateway.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// Which backend serves a gRPC path: the four attune.v1 services from <c>Services:Feedback</c>, <c>Services:Trainer</c>,
/// <c>Services:Adapter</c> and <c>Services:Generator</c>, plus <see cref="GatewayOptions.Routes"/>. A path of any other
/// service is not forwarded (the gateway's own server answers it: health, reflection, or UNIMPLEMENTED).
/// </summary>
public sealed class BackendRoutes
{
    private readonly Dictionary<string, Backend> _byService;
    private readonly Dictionary<string, Backend>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Reads the addresses from <paramref name="configuration"/> and <paramref name="options"/>.</summary>
    public BackendRoutes(IConfiguration configuration, IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        _byService = new Dictionary<string, Backend>(StringComparer.Ordinal);
        Add(configuration, FeedbackReflection.Descriptor.Services[0].FullName, "Services:Feedback");
        Add(configuration, TrainerReflection.Descriptor.Services[0].FullName, "Services:Trainer");
        Add(configuration, AdapterReflection.Descriptor.Services[0].FullName, "Services:Adapter");
        Add(configuration, GeneratorReflection.Descriptor.Services[0].FullName, "Services:Generator");
        foreach (var (service, address) in options.Value.Routes)
        {
            _byService[service] = new Backend(service, $"Gateway:Routes:{service}", new Uri(address));
        }

        _lookup = _byService.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Every routed service.</summary>
    public IEnumerable<Backend> All => _byService.Values;

    /// <summary>The backend of the service named in <paramref name="path"/> (<c>/package.Service/Method</c>).</summary>
    public bool TryFind(ReadOnlySpan<char> path, out Backend backend)
    {
        backend = null!;
        if (path.Length < 4 || path[0] != '/')
        {
            return false;
        }

        var slash = path[1..].IndexOf('/');
        return slash > 0 && _lookup.TryGetValue(path.Slice(1, slash), out backend!);
    }

    /// <summary>The backend of a service by name.</summary>
    public Backend? Find(string service) => _byService.GetValueOrDefault(service);

    private void Add(IConfiguration configuration, string service, string key)
    {
        var value = configuration[key];
        Uri? address = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out address) || address.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"{key} must be an http:// or https:// address, got '{value}'.");
            }
        }

        _byService[service] = new Backend(service, key, address);
    }
}
