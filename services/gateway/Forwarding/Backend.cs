using System.Collections.Concurrent;

namespace Attune.Gateway.Forwarding;

/// <summary>
/// Where one gRPC service is served: its name, the configuration key of its address and the address (null when that key
/// is unset: calls answer UNAVAILABLE).
/// </summary>
public sealed class Backend
{
    private const int MaxCachedUris = 256;
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    /// <summary>A backend for <paramref name="service"/> at <paramref name="address"/>.</summary>
    public Backend(string service, string configurationKey, Uri? address)
    {
        Service = service;
        ConfigurationKey = configurationKey;
        Address = address;
    }

    /// <summary>The fully qualified service name, e.g. <c>attune.v1.FeedbackService</c>.</summary>
    public string Service { get; }

    /// <summary>The configuration key of the address, e.g. <c>Services:Feedback</c>.</summary>
    public string ConfigurationKey { get; }

    /// <summary>The backend's base address, or null when it is not configured.</summary>
    public Uri? Address { get; }

    /// <summary>The backend URI of a request path (<c>/package.Service/Method</c>), cached for the first methods seen.</summary>
    public Uri UriFor(string path)
    {
        if (_uris.TryGetValue(path, out var uri))
        {
            return uri;
        }

        uri = new Uri(Address!, path);
        if (_uris.Count < MaxCachedUris)
        {
            _uris.TryAdd(path, uri);
        }

        return uri;
    }
}
