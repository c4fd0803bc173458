using MassTransit;

namespace Attune.ServiceDefaults;

/// <summary>
/// Joins the in-memory buses of services hosted in one process (the embedded stack, <c>attune up</c>): every message one
/// service publishes is published again on every other member's bus, so each service's consumers see the events of the
/// others exactly as they would through one RabbitMQ exchange. MassTransit's in-memory transport belongs to one
/// container, and each service keeps its own container (its own stores, options and queues), hence the bridge.
/// </summary>
/// <remarks>
/// Members are named up front. A message published before a member's bus has started is kept for it and delivered, in
/// order, when it joins, so start-up order cannot drop an event. Forwarded messages carry the header
/// <see cref="ForwardedFromHeader"/> and the original MessageId, and are never forwarded again. Delivery is as durable as
/// the in-memory transport: the feedback outbox re-publishes what a crash interrupted, and consumers deduplicate.
/// </remarks>
public sealed class InProcessBusBridge
{
    /// <summary>Header naming the member a forwarded message came from.</summary>
    public const string ForwardedFromHeader = "Attune-Forwarded-From";

    private readonly Dictionary<string, Member> _members;

    /// <summary>A bridge over the named members (service prefixes such as <c>feedback</c>, <c>trainer</c>, <c>adapter</c>).</summary>
    public InProcessBusBridge(IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = members.Distinct(StringComparer.Ordinal).ToDictionary(m => m, _ => new Member(), StringComparer.Ordinal);
        if (_members.Count < 2)
        {
            throw new ArgumentException("A bus bridge needs at least two members.", nameof(members));
        }
    }

    /// <summary>Messages forwarded so far, to any member (for diagnostics and tests).</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    private long _forwarded;

    /// <summary>Connects <paramref name="bus"/> as member <paramref name="name"/> and delivers what was kept for it.</summary>
    public async Task JoinAsync(string name, IBus bus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var member = Find(name);
        await member.Gate.WaitAsync(cancellationToken);
        try
        {
            if (member.Bus is not null)
            {
                throw new InvalidOperationException($"Bus bridge member '{name}' has already joined.");
            }

            foreach (var deliver in member.Kept)
            {
                await deliver(bus);
            }

            member.Kept.Clear();
            member.Bus = bus;
        }
        finally
        {
            member.Gate.Release();
        }
    }

    /// <summary>Disconnects member <paramref name="name"/> (its host is stopping); later messages are kept for it again.</summary>
    public async Task LeaveAsync(string name)
    {
        var member = Find(name);
        await member.Gate.WaitAsync();
        member.Bus = null;
        member.Gate.Release();
    }

    /// <summary>Publishes <paramref name="context"/>'s message on every member but <paramref name="from"/>.</summary>
    internal async Task ForwardAsync<T>(string from, PublishContext<T> context)
        where T : class
    {
        if (context.Headers.TryGetHeader(ForwardedFromHeader, out _))
        {
            return;
        }

        var message = context.Message;
        var messageId = context.MessageId;
        Func<IBus, Task> deliver = bus => bus.Publish(message, c =>
        {
            c.Headers.Set(ForwardedFromHeader, from);
            c.MessageId = messageId;
        });

        foreach (var (name, member) in _members)
        {
            if (name == from)
            {
                continue;
            }

            await member.Gate.WaitAsync();
            try
            {
                if (member.Bus is { } bus)
                {
                    await deliver(bus);
                }
                else
                {
                    member.Kept.Add(deliver);
                }

                Interlocked.Increment(ref _forwarded);
            }
            finally
            {
                member.Gate.Release();
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is a member.</summary>
    public bool HasMember(string name) => _members.ContainsKey(name);

    private Member Find(string name) =>
        _members.TryGetValue(name, out var member)
            ? member
            : throw new ArgumentException($"'{name}' is not a member of this bus bridge ({string.Join(", ", _members.Keys)}).", nameof(name));

    private sealed class Member
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IBus? Bus { get; set; }

        public List<Func<IBus, Task>> Kept { get; } = [];
    }
}
