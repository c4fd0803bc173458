using System.Collections.Concurrent;
using Attune.Contracts.Clients;
using Attune.Gateway.Forwarding;
using Attune.Gateway.Options;
using Attune.Rpc;
using Microsoft.Extensions.Options;

namespace Attune.Gateway.Rest;

/// <summary>
/// The typed clients the JSON face calls the backends with, over the gateway's shared connection pool. A backend with no
/// address answers UNAVAILABLE naming the configuration key to set.
/// </summary>
public sealed class RestBackends(BackendRoutes routes, BackendInvoker invoker, IOptions<GatewayOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    /// <summary>attune.v1.FeedbackService.</summary>
    public FeedbackServiceClient Feedback => new(Channel("attune.v1.FeedbackService"));

    /// <summary>attune.v1.TrainerService.</summary>
    public TrainerServiceClient Trainer => new(Channel("attune.v1.TrainerService"));

    /// <summary>attune.v1.AdapterService.</summary>
    public AdapterServiceClient Adapter => new(Channel("attune.v1.AdapterService"));

    /// <summary>attune.v1.GeneratorService.</summary>
    public GeneratorServiceClient Generator => new(Channel("attune.v1.GeneratorService"));

    /// <summary>Call options of one REST request: the REST deadline, cancelled when the client goes away.</summary>
    public CallOptions CallOptionsFor(CancellationToken requestAborted) => new()
    {
        Deadline = DateTime.UtcNow + options.Value.RestTimeout,
        CancellationToken = requestAborted,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }

    private GrpcChannel Channel(string service)
    {
        var backend = routes.Find(service) ?? throw new InvalidOperationException($"{service} is not routed.");
        if (backend.Address is null)
        {
            throw new RpcException(StatusCode.Unavailable, $"{service} has no address: set {backend.ConfigurationKey}.");
        }

        return _channels.GetOrAdd(service, _ => GrpcChannel.ForAddress(backend.Address, new GrpcChannelOptions
        {
            HttpHandler = invoker.Handler,
            DisposeHttpHandler = false,
        }));
    }
}
