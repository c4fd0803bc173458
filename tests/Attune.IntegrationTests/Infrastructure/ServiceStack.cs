using Attune.Contracts.V1;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.IntegrationTests.Infrastructure;

/// <summary>
/// Feedback, trainer and adapter as three processes, configured as in production: <c>Bus:Transport=rabbitmq</c> on
/// one RabbitMQ virtual host and PostgreSQL storage, each service in its own schema of one test database; the
/// adapter knows the trainer's and the feedback service's addresses. Started consumers first (trainer, adapter, then
/// feedback), so every queue is bound before the first event is published. Optionally the gateway in front of them, as a
/// fourth process with one API key (<see cref="GatewayKey"/>), as clients reach the services in production.
/// </summary>
public sealed class ServiceStack : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly Uri _bus;
    private readonly IReadOnlyDictionary<string, string> _trainerSettings;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"attune-it-{Guid.NewGuid():N}");
    private readonly (int Feedback, int Trainer, int Adapter, int Gateway) _ports = (FreePort(), FreePort(), FreePort(), FreePort());
    private GrpcChannel? _feedbackChannel;
    private GrpcChannel? _gatewayChannel;
    private GrpcChannel? _trainerChannel;
    private GrpcChannel? _adapterChannel;

    private ServiceStack(TestDatabase database, Uri bus, IReadOnlyDictionary<string, string> trainerSettings)
    {
        _database = database;
        _bus = bus;
        _trainerSettings = trainerSettings;
    }

    public ServiceProcess Feedback { get; private set; } = null!;

    public ServiceProcess Trainer { get; private set; } = null!;

    public ServiceProcess Adapter { get; private set; } = null!;

    /// <summary>The gateway, when the stack was started with one.</summary>
    public ServiceProcess? Gateway { get; private set; }

    /// <summary>The API key the gateway accepts (send it as x-api-key).</summary>
    public string GatewayKey { get; } = "it-" + Guid.NewGuid().ToString("N");

    /// <summary>The gateway's channel (gRPC over h2c); null without a gateway.</summary>
    public GrpcChannel? GatewayChannel => _gatewayChannel;

    public FeedbackService.FeedbackServiceClient FeedbackClient { get; private set; } = null!;

    public TrainerService.TrainerServiceClient TrainerClient { get; private set; } = null!;

    public AdapterService.AdapterServiceClient AdapterClient { get; private set; } = null!;

    /// <summary>The last lines each service logged, for failure messages.</summary>
    public string Logs => string.Join(System.Environment.NewLine, new[] { Feedback, Trainer, Adapter, Gateway }
        .OfType<ServiceProcess>()
        .Select(p => $"--- {p.Name} ---{System.Environment.NewLine}{p.RecentOutput}"));

    /// <summary>
    /// Starts the three services (and the gateway when <paramref name="withGateway"/>); <paramref name="trainerSettings"/>
    /// are <c>Trainer__*</c> environment variables, <paramref name="adapterSettings"/> <c>Adapter__*</c> ones.
    /// </summary>
    public static async Task<ServiceStack> StartAsync(
        TestDatabase database, Uri bus, IReadOnlyDictionary<string, string> trainerSettings, bool withGateway = false,
        IReadOnlyDictionary<string, string>? adapterSettings = null)
    {
        var stack = new ServiceStack(database, bus, trainerSettings);
        try
        {
            await stack.StartTrainerAsync();
            stack.Adapter = await ServiceProcess.StartAsync("adapter", stack._ports.Adapter, stack.ServiceEnvironment("adapter", new Dictionary<string, string>
            {
                ["Services__Trainer"] = $"http://127.0.0.1:{stack._ports.Trainer}",
                ["Services__Feedback"] = $"http://127.0.0.1:{stack._ports.Feedback}",
                ["Adapter__MaxStartupRetryDelay"] = "00:00:02",
            }.Concat(adapterSettings ?? new Dictionary<string, string>()).ToDictionary()));
            stack.Feedback = await ServiceProcess.StartAsync("feedback", stack._ports.Feedback, stack.ServiceEnvironment("feedback", new Dictionary<string, string>()));
            if (withGateway)
            {
                stack.Gateway = await ServiceProcess.StartAsync("gateway", stack._ports.Gateway, new Dictionary<string, string>
                {
                    ["Services__Feedback"] = $"http://127.0.0.1:{stack._ports.Feedback}",
                    ["Services__Trainer"] = $"http://127.0.0.1:{stack._ports.Trainer}",
                    ["Services__Adapter"] = $"http://127.0.0.1:{stack._ports.Adapter}",
                    ["Gateway__ApiKeys__0__Name"] = "integration",
                    ["Gateway__ApiKeys__0__Sha256"] = Convert.ToHexStringLower(
                        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stack.GatewayKey))),
                    ["Gateway__ApiKeys__0__PermitsPerSecond"] = "1000",
                    ["Gateway__ApiKeys__0__Burst"] = "1000",
                }, healthService: "self"); // no generator in this stack
                stack._gatewayChannel = GrpcChannel.ForAddress(stack.Gateway.Address);
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        stack._feedbackChannel = GrpcChannel.ForAddress(stack.Feedback.Address);
        stack._adapterChannel = GrpcChannel.ForAddress(stack.Adapter.Address);
        stack.FeedbackClient = new FeedbackService.FeedbackServiceClient(stack._feedbackChannel);
        stack.AdapterClient = new AdapterService.AdapterServiceClient(stack._adapterChannel);
        return stack;
    }

    /// <summary>Starts the trainer again on its port and database after it stopped or was killed.</summary>
    public async Task StartTrainerAsync()
    {
        if (Trainer is not null)
        {
            await Trainer.DisposeAsync();
        }

        _trainerChannel?.Dispose();
        Trainer = await ServiceProcess.StartAsync("trainer", _ports.Trainer, ServiceEnvironment("trainer", _trainerSettings));
        _trainerChannel = GrpcChannel.ForAddress(Trainer.Address);
        TrainerClient = new TrainerService.TrainerServiceClient(_trainerChannel);
    }

    public async ValueTask DisposeAsync()
    {
        _feedbackChannel?.Dispose();
        _trainerChannel?.Dispose();
        _adapterChannel?.Dispose();
        _gatewayChannel?.Dispose();
        foreach (var service in new[] { Gateway, Feedback, Adapter, Trainer })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private Dictionary<string, string> ServiceEnvironment(string service, IReadOnlyDictionary<string, string> extra)
    {
        var section = char.ToUpperInvariant(service[0]) + service[1..];
        var environment = new Dictionary<string, string>
        {
            ["Attune__DataDir"] = Path.Combine(_dataDir, service),
            ["Bus__Transport"] = "rabbitmq",
            ["Bus__RabbitMqUri"] = _bus.ToString(),
            [$"Storage__{section}__Provider"] = "postgres",
            [$"Storage__{section}__ConnectionString"] = _database.ConnectionString(service),
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
