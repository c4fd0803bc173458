using System.Net;
using System.Net.Sockets;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// A RabbitMQ node of the test's own (<c>attune-it-XXXX@localhost</c> on free ports, data in a temp folder), started
/// with <c>start_rabbitmq_node</c> from <c>scripts/lib/servers.sh</c>, for the test that stops the broker. Stopping the
/// shared broker (<c>ATTUNE_TEST_RABBITMQ</c>) would break every other test using it while the suite runs its test
/// assemblies in parallel; a private node can be stopped and started at will, and is removed on dispose whatever the
/// test did to it.
/// </summary>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private readonly string _dataDir;

    private PrivateRabbitMqNode(string node, int port, string dataDir)
    {
        NodeName = node;
        Port = port;
        _dataDir = dataDir;
    }

    /// <summary>The Erlang node name, for rabbitmqctl -n.</summary>
    public string NodeName { get; }

    public int Port { get; }

    /// <summary>amqp://guest:guest@127.0.0.1:PORT/ (guest may connect from loopback).</summary>
    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>Starts the node (4-10 s); skips (locally) or fails (CI) without rabbitmq-server or root.</summary>
    public static async Task<PrivateRabbitMqNode> StartAsync()
    {
        Requires.That(Shell.Exists("rabbitmq-server") && Shell.CanRunRabbitMqCtl,
            "rabbitmq-server and rabbitmqctl, as root or through sudo, to start a private RabbitMQ node (scripts/lib/test-packages)");
        var port = FreePortPair();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var node = new PrivateRabbitMqNode($"attune-it-{suffix}@localhost", port, Path.Combine(Path.GetTempPath(), $"attune-it-rabbit-{suffix}"));
        try
        {
            await Shell.RunAsync("bash", "-c",
                $"source '{RepositoryLayout.ServersScript}' && start_rabbitmq_node '{node.NodeName}' {port} '{node._dataDir}'");
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Stops the RabbitMQ application (the Erlang node stays up): every connection drops and nothing is accepted.</summary>
    public async Task StopAppAsync() => await Shell.RabbitMqCtlAsync("-q", "-n", NodeName, "stop_app");

    /// <summary>Starts the application again and waits until it accepts connections; durable queues and messages are back.</summary>
    public async Task StartAppAsync()
    {
        await Shell.RabbitMqCtlAsync("-q", "-n", NodeName, "start_app");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await RabbitMqVirtualHost.Accepts("127.0.0.1", Port))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"RabbitMQ node {NodeName} did not accept connections on {Port} after start_app.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Shell.RabbitMqCtlAsync("-q", "-n", NodeName, "stop");
        }
        catch (InvalidOperationException)
        {
            // Already down.
        }

        // The node's files belong to the rabbitmq user.
        await Shell.RunAsync("bash", "-c", $"source '{RepositoryLayout.ServersScript}' && as_root rm -rf '{_dataDir}'");
    }

    /// <summary>A free port P below 45536 whose distribution port P + 20000 (start_rabbitmq_node's choice) is free too.</summary>
    private static int FreePortPair()
    {
        for (var port = 21000 + (Environment.ProcessId % 997 * 20); port < 45000; port += 7)
        {
            if (Free(port) && Free(port + 20000))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free pair of ports for a private RabbitMQ node.");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
