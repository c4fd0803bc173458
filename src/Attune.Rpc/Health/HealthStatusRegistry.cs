using Attune.Rpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServingStatus = Attune.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Attune.Rpc;

/// <summary>
/// The serving status of each service name as reported by grpc.health.v1: "" is the overall status (SERVING from
/// the start). Services set their own with <see cref="SetStatus"/>. Once the host begins stopping every known name
/// reads NOT_SERVING, so load balancers drain the instance. Thread-safe; registered as a singleton by AddGrpcServer.
/// </summary>
public sealed class HealthStatusRegistry
{
    /// <summary>The name of the overall status.</summary>
    public const string Overall = "";

    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [Overall] = ServingStatus.Serving };
    private readonly CancellationTokenSource _stopping = new();
    private event Action<string>? Changed;
    private int _attached;

    /// <summary>Fires when the host begins stopping.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Sets the status of <paramref name="service"/> ("" for overall) and notifies its watchers.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_statuses)
        {
            _statuses[service] = status;
        }

        Changed?.Invoke(service);
    }

    /// <summary>Forgets <paramref name="service"/>; it then reads as unknown (NOT_FOUND on Check).</summary>
    public void Clear(string service)
    {
        lock (_statuses)
        {
            _statuses.Remove(service);
        }

        Changed?.Invoke(service);
    }

    /// <summary>The status of <paramref name="service"/>; false when it was never set.</summary>
    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_statuses)
        {
            if (!_statuses.TryGetValue(service, out status))
            {
                return false;
            }
        }

        if (_stopping.IsCancellationRequested)
        {
            status = ServingStatus.NotServing;
        }

        return true;
    }

    /// <summary>Marks every status NOT_SERVING from now on and notifies watchers (called when the host stops).</summary>
    public void MarkStopping()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        string[] names;
        lock (_statuses)
        {
            names = [.. _statuses.Keys];
        }

        _stopping.Cancel();
        foreach (var name in names)
        {
            Changed?.Invoke(name);
        }
    }

    internal void AttachToHost(IServiceProvider services)
    {
        if (Interlocked.Exchange(ref _attached, 1) == 0
            && services.GetService<IHostApplicationLifetime>() is { } lifetime)
        {
            lifetime.ApplicationStopping.Register(MarkStopping);
        }
    }

    internal IDisposable Subscribe(Action<string> onChanged)
    {
        Changed += onChanged;
        return new Subscription(this, onChanged);
    }

    private sealed class Subscription(HealthStatusRegistry owner, Action<string> handler) : IDisposable
    {
        public void Dispose() => owner.Changed -= handler;
    }
}
