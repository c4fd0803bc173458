namespace Attune.ServiceDefaults;

/// <summary>
/// The event bus, bound from the <c>Bus</c> section (environment variables <c>Bus__Transport</c>, <c>Bus__RabbitMq</c>).
/// </summary>
public sealed class BusOptions
{
    /// <summary>The in-process transport of the embedded stack.</summary>
    public const string InMemory = "inmemory";

    /// <summary>The production transport.</summary>
    public const string RabbitMq = "rabbitmq";

    /// <summary><c>inmemory</c> (default; one process) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = InMemory;

    /// <summary>The broker's address when <see cref="Transport"/> is <c>rabbitmq</c>, e.g. <c>amqp://user:pass@host:5672/vhost</c>.</summary>
    public string? RabbitMqUri { get; set; }

    /// <summary>Checks the settings; the message names the configuration key to fix.</summary>
    public void Validate()
    {
        var transport = Transport.Trim().ToLowerInvariant();
        if (transport is not (InMemory or RabbitMq))
        {
            throw new InvalidOperationException($"Bus:Transport '{Transport}' is unknown: use '{InMemory}' or '{RabbitMq}'.");
        }

        if (transport == RabbitMq && !Uri.TryCreate(RabbitMqUri, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException(
                "Bus:RabbitMqUri (environment variable Bus__RabbitMqUri) must be an amqp:// address when Bus:Transport is rabbitmq.");
        }
    }
}
