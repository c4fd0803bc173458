using System.Text.Json;
using Attune.Interop.Tests.Hosting;

namespace Attune.Interop.Tests.Peers;

/// <summary>
/// A foreign gRPC client (python grpcio, grpc-go, grpc-js) that runs one named scenario of the echo clients
/// (<c>python/echo_client.py</c>, <c>go/echoclient/main.go</c>, <c>js/echo_client.js</c>: same names, same <c>--arg</c>
/// JSON, same JSON lines) against a target, so one scenario class asserts on what each of them saw.
/// </summary>
public interface IForeignClient
{
    /// <summary>The client, as test output names it ("grpc-go").</summary>
    string Name { get; }

    /// <summary>True when its toolchain is installed (and, for grpc-js, its packages could be installed).</summary>
    bool Available { get; }

    /// <summary>What to install when it is not available.</summary>
    string Requirement { get; }

    /// <summary>
    /// True when cancelling a call whose request stream is open ends that stream (an empty DATA frame with END_STREAM)
    /// before it resets the call (RST_STREAM CANCEL), as grpc-js does through Node's http2 module (seen in Kestrel's frame
    /// trace): the server then reads a clean end of the request stream, and a handler waiting for the next message may
    /// finish before the reset arrives. python grpcio and grpc-go send the reset alone.
    /// </summary>
    bool HalfClosesOnCancel => false;

    /// <summary>
    /// Runs a scenario, yielding each JSON line as the client prints it; ends with the test's cancellation or after 60 s,
    /// and fails the test if the client exits non-zero.
    /// </summary>
    IAsyncEnumerable<JsonElement> StreamAsync(string target, string scenario, object? arg = null, string? apiKey = null);
}

/// <summary>Runs scenarios of an <see cref="IForeignClient"/> to their end.</summary>
public static class ForeignClientExtensions
{
    /// <summary>Skips (locally) or fails (under CI) unless the client's toolchain is there.</summary>
    public static void Require(this IForeignClient client) => Requires.That(client.Available, $"{client.Name}: {client.Requirement}");

    /// <summary>Runs a scenario to its end; returns its JSON lines (most scenarios print one).</summary>
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(
        this IForeignClient client, string target, string scenario, object? arg = null, string? apiKey = null)
    {
        var lines = new List<JsonElement>();
        await foreach (var line in client.StreamAsync(target, scenario, arg, apiKey))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Runs a scenario against <paramref name="endpoint"/> (with its API key, if any); returns its only (or last) JSON line.</summary>
    public static Task<JsonElement> RunOneAsync(this IForeignClient client, IEchoEndpoint endpoint, string scenario, object? arg = null) =>
        client.RunOneAsync(endpoint.Target, scenario, arg, endpoint.ApiKey);

    /// <summary>Runs a scenario and returns its only (or last) JSON line.</summary>
    public static async Task<JsonElement> RunOneAsync(
        this IForeignClient client, string target, string scenario, object? arg = null, string? apiKey = null)
    {
        var lines = await client.RunAsync(target, scenario, arg, apiKey);
        Assert.NotEmpty(lines);
        return lines[^1];
    }
}
