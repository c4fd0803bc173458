using Attune.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Embedded.Tests;

/// <summary>Two real MassTransit in-memory buses joined by the bridge, as the embedded stack joins its services.</summary>
public sealed class InProcessBusBridgeTests
{
    [Fact]
    public async Task Publish_onOneMember_deliveredOnceToTheOtherAndNotEchoedBack()
    {
        var bridge = new InProcessBusBridge(["left", "right"]);
        await using var left = await Member.StartAsync(bridge, "left");
        await using var right = await Member.StartAsync(bridge, "right");

        await left.Bus.Publish(new Ping { Text = "hello" }, TestContext.Current.CancellationToken);

        Assert.Equal("hello", (await right.NextAsync()).Text);
        Assert.Equal("hello", (await left.NextAsync()).Text);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(right.Received.Reader.TryRead(out _), "the right member received the message twice");
        Assert.False(left.Received.Reader.TryRead(out _), "the message was forwarded back to its origin");
        Assert.Equal(1, bridge.Forwarded);
    }

    [Fact]
    public async Task Publish_beforeMemberJoins_keptAndDeliveredInOrderOnJoin()
    {
        var bridge = new InProcessBusBridge(["left", "right"]);
        await using var left = await Member.StartAsync(bridge, "left");
        await left.Bus.Publish(new Ping { Text = "one" }, TestContext.Current.CancellationToken);
        await left.Bus.Publish(new Ping { Text = "two" }, TestContext.Current.CancellationToken);

        await using var right = await Member.StartAsync(bridge, "right", concurrency: 1);

        var first = await right.NextAsync();
        var second = await right.NextAsync();
        Assert.Equal(["one", "two"], new[] { first.Text, second.Text });
    }

    [Fact]
    public async Task Forwarded_keepsMessageIdAndNamesItsOrigin()
    {
        var bridge = new InProcessBusBridge(["left", "right"]);
        await using var left = await Member.StartAsync(bridge, "left");
        await using var right = await Member.StartAsync(bridge, "right");
        var id = NewId.NextGuid();

        await left.Bus.Publish(new Ping { Text = "x" }, c => c.MessageId = id, TestContext.Current.CancellationToken);

        var received = await right.NextAsync();
        Assert.Equal(id, received.MessageId);
        Assert.Equal("left", received.From);
    }

    [Theory]
    [InlineData("only", null)]
    [InlineData("same", "same")]
    public void Constructor_fewerThanTwoDistinctMembers_throws(string first, string? second) =>
        Assert.Throws<ArgumentException>(() => new InProcessBusBridge(second is null ? [first] : [first, second]));

    [Fact]
    public async Task JoinAsync_unknownMember_throwsNamingMembers()
    {
        var bridge = new InProcessBusBridge(["left", "right"]);
        await using var provider = new ServiceCollection().AddMassTransit(b => b.UsingInMemory()).BuildServiceProvider();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => bridge.JoinAsync("middle", provider.GetRequiredService<IBus>(), TestContext.Current.CancellationToken));

        Assert.Contains("left, right", e.Message, StringComparison.Ordinal);
    }
}
