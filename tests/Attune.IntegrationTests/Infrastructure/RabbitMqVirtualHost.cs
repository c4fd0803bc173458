using System.Net.Sockets;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// A RabbitMQ virtual host of its own for one test on the broker named by <c>ATTUNE_TEST_RABBITMQ</c> (default
/// amqp://guest:guest@127.0.0.1:5672/) and node <c>ATTUNE_TEST_RABBITMQ_NODE</c> (default rabbit@localhost), created and
/// deleted with rabbitmqctl. The services name their queues after themselves (<c>trainer-feedback-recorded</c>), so two
/// stacks on one virtual host would share queues and steal each other's events; one virtual host per test keeps their
/// exchanges, queues and messages apart.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private const string DefaultUri = "amqp://guest:guest@127.0.0.1:5672/";

    private readonly string _node;
    private readonly string _name;

    private RabbitMqVirtualHost(string node, string name, Uri uri)
    {
        _node = node;
        _name = name;
        Uri = uri;
    }

    /// <summary>The AMQP address of the virtual host, for <c>Bus:RabbitMqUri</c>.</summary>
    public Uri Uri { get; }

    private static Uri BrokerUri => new(Environment.GetEnvironmentVariable("ATTUNE_TEST_RABBITMQ") is { Length: > 0 } u ? u : DefaultUri);

    private static string Node => Environment.GetEnvironmentVariable("ATTUNE_TEST_RABBITMQ_NODE") is { Length: > 0 } n ? n : "rabbit@localhost";

    /// <summary>Creates the virtual host on the shared broker; skips (locally) or fails (CI) when it is missing.</summary>
    public static async Task<RabbitMqVirtualHost> CreateAsync()
    {
        var broker = BrokerUri;
        Requires.That(await Accepts(broker.Host, broker.Port > 0 ? broker.Port : 5672) && Shell.CanRunRabbitMqCtl,
            $"RabbitMQ at ATTUNE_TEST_RABBITMQ ({broker}) with rabbitmqctl (as root or through sudo) for node {Node} (scripts/lib/servers.sh start_rabbitmq)");
        return await CreateOnAsync(Node, broker);
    }

    /// <summary>Creates a virtual host on <paramref name="node"/>, reached at <paramref name="broker"/> (any path is replaced).</summary>
    public static async Task<RabbitMqVirtualHost> CreateOnAsync(string node, Uri broker)
    {
        var name = $"attune-it-{Guid.NewGuid():N}";
        var user = Uri.UnescapeDataString(broker.UserInfo.Split(':')[0]);
        await Shell.RabbitMqCtlAsync("-q", "-n", node, "add_vhost", name);
        await Shell.RabbitMqCtlAsync("-q", "-n", node, "set_permissions", "-p", name, user, ".*", ".*", ".*");
        return new RabbitMqVirtualHost(node, name, new UriBuilder(broker) { Path = "/" + name }.Uri);
    }

    /// <summary>Whether something listens on host:port.</summary>
    public static async Task<bool> Accepts(string host, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(3));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Shell.RabbitMqCtlAsync("-q", "-n", _node, "delete_vhost", _name);
        }
        catch (InvalidOperationException)
        {
            // A private node already stopped takes its virtual hosts with it.
        }
    }
}
