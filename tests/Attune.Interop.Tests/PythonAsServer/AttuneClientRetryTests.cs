using Attune.Contracts.Clients;
using Attune.Contracts.Testing.V1;
using Attune.Interop.Tests.Peers;
using Attune.Rpc;

namespace Attune.Interop.Tests.PythonAsServer;

/// <summary>
/// Attune's client against a python grpcio server that refuses the first N attempts of a call with UNAVAILABLE
/// (metadata <c>x-retry-key</c>, <c>x-fail-attempts</c>): only methods marked idempotent are retried.
/// </summary>
public sealed class AttuneClientRetryTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private static readonly Method<EchoRequest, EchoReply> IdempotentUnary =
        new(MethodType.Unary, EchoServiceClient.ServiceName, "Unary", EchoReply.Parser, idempotent: true);

    private static readonly GrpcChannelOptions FastBackoff = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task UnaryAsync_idempotentMethodUnavailableTwice_retriedAndThirdAttemptSucceeds()
    {
        Requires.That(Python.Available, Python.Requirement);
        var server = await fixture.GetAsync();
        using var channel = GrpcChannel.ForAddress(server.Address, FastBackoff);
        var key = Guid.NewGuid().ToString("N");

        var reply = await channel.UnaryAsync(IdempotentUnary, new EchoRequest(), Options(key, failAttempts: 2));

        Assert.Equal("attempt 3", reply.Message);
        Assert.Equal(3, await AttemptsAsync(server, key, expected: 3));
    }

    [Fact]
    public async Task UnaryAsync_idempotentMethodAlwaysUnavailable_givesUpAfterMaxAttempts()
    {
        Requires.That(Python.Available, Python.Requirement);
        var server = await fixture.GetAsync();
        using var channel = GrpcChannel.ForAddress(server.Address, FastBackoff);
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(IdempotentUnary, new EchoRequest(), Options(key, failAttempts: 100)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(FastBackoff.MaxRetryAttempts, await AttemptsAsync(server, key, expected: FastBackoff.MaxRetryAttempts));
    }

    [Fact]
    public async Task UnaryAsync_nonIdempotentMethodUnavailable_notRetried()
    {
        Requires.That(Python.Available, Python.Requirement);
        var server = await fixture.GetAsync();
        using var channel = GrpcChannel.ForAddress(server.Address, FastBackoff);
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new EchoServiceClient(channel).UnaryAsync(new EchoRequest(), Options(key, failAttempts: 1)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, await AttemptsAsync(server, key, expected: 1));
    }

    private static CallOptions Options(string key, int failAttempts) => new()
    {
        Headers = new Metadata().Add("x-retry-key", key).Add("x-fail-attempts", failAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Deadline = DateTime.UtcNow.AddSeconds(20),
    };

    /// <summary>Waits for the expected attempts, then a grace period in which any further (wrong) attempt would show.</summary>
    private static async Task<int> AttemptsAsync(PythonEchoServer server, string key, int expected)
    {
        var seen = 0;
        for (var i = 0; i < expected; i++)
        {
            await server.WaitForEventAsync(e => e.GetProperty("event").GetString() == "attempt" && e.GetProperty("key").GetString() == key);
            seen++;
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
        return seen + server.DrainEvents().Count(e => e.TryGetProperty("key", out var k) && k.GetString() == key);
    }
}
