using Attune.Rpc;

namespace Attune.Generator.Domain;

/// <summary>The channel to the adapter (<c>Services:Adapter</c>), opened on first use; null when not configured.</summary>
public sealed class AdapterChannel(IConfiguration configuration) : IDisposable
{
    /// <summary>Configuration key of the adapter's address.</summary>
    public const string Key = "Services:Adapter";

    private readonly Lazy<GrpcChannel?> _channel = new(() => Open(configuration[Key]));

    /// <summary>The adapter, or null when <see cref="Key"/> is unset.</summary>
    public GrpcChannel? Channel => _channel.Value;

    /// <summary>The configured address, for messages.</summary>
    public string? Address => configuration[Key];

    public void Dispose()
    {
        if (_channel.IsValueCreated)
        {
            _channel.Value?.Dispose();
        }
    }

    private static GrpcChannel? Open(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        return Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? GrpcChannel.ForAddress(uri, new GrpcChannelOptions { MaxRetryAttempts = 2 })
            : throw new InvalidOperationException($"{Key} must be an absolute address such as http://127.0.0.1:5003; got '{address}'.");
    }
}
