using System.Threading.Channels;
using Attune.Rpc.Health.V1;
using Google.Protobuf.Reflection;
using ServingStatus = Attune.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Attune.Rpc;

/// <summary>grpc.health.v1.Health over <see cref="HealthStatusRegistry"/>.</summary>
internal sealed class HealthService(HealthStatusRegistry registry) : IGrpcService
{
    public static ServiceDescriptor Descriptor => HealthReflection.Descriptor.Services[0];

    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!registry.TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        }

        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = registry.Subscribe(name =>
        {
            if (name == request.Service)
            {
                changes.Writer.TryWrite(true);
            }
        });

        ServingStatus? last = null;
        try
        {
            while (true)
            {
                var status = registry.TryGetStatus(request.Service, out var known) ? known : ServingStatus.ServiceUnknown;
                if (status != last)
                {
                    await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
                    last = status;
                }

                if (registry.Stopping.IsCancellationRequested)
                {
                    // End the stream so it does not hold up the host's shutdown; the client saw NOT_SERVING.
                    return;
                }

                await changes.Reader.ReadAsync(context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            context.Status = new Status(StatusCode.Cancelled, "Watch cancelled.");
        }
    }
}
