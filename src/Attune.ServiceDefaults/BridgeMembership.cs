using MassTransit;
using Microsoft.Extensions.Hosting;

namespace Attune.ServiceDefaults;

/// <summary>Joins the service's bus to the <see cref="InProcessBusBridge"/> once the bus has started.</summary>
internal sealed class BridgeMembership(InProcessBusBridge bridge, string member, IBus bus) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => bridge.JoinAsync(member, bus, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => bridge.LeaveAsync(member);
}
