using System.Text.Json;
using Attune.Interop.Tests.Hosting;
using Attune.Interop.Tests.Peers;

namespace Attune.Interop.Tests.Scenarios;

/// <summary>A foreign client (python grpcio, grpc-go, grpc-js) of Attune's EchoServer, directly or through the gateway: metadata in and out, text and binary.</summary>
public abstract class MetadataScenarios<TClient, TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TClient : IForeignClient, new()
    where TFixture : class, IEchoEndpoint
{
    /// <summary>The foreign client under test.</summary>
    protected TClient Client { get; } = new();

    [Fact]
    public async Task Unary_textAndBinaryMetadata_echoedInHeadersAndTrailers()
    {
        Client.Require();
        // Binary values that base64 pads differently (1, 2 and 3 bytes mod 3), including bytes that are not UTF-8.
        var sent = new[]
        {
            new[] { "x-text", "plain value; with=punctuation ~!" },
            ["x-one-bin", "ff"],
            ["x-two-bin", "00fe"],
            ["x-three-bin", "80ff00c3"],
        };

        var result = await Client.RunOneAsync(fixture, "unary", new
        {
            message = "m",
            metadata = sent,
            echo_metadata = sent.Select(p => p[0]).ToArray(),
        });

        Assert.Equal("OK", result.GetProperty("code").GetString());
        foreach (var part in new[] { "headers", "trailers" })
        {
            var received = Pairs(result.GetProperty(part));
            foreach (var pair in sent)
            {
                Assert.Contains((pair[0], pair[1]), received);
            }
        }
    }

    [Fact]
    public async Task Unary_failedCallWithMetadata_trailersStillEchoed()
    {
        Client.Require();

        var result = await Client.RunOneAsync(fixture, "unary", new
        {
            fail_code = 5,
            fail_message = "gone",
            metadata = new[] { new[] { "x-request-id", "abc-123" } },
            echo_metadata = new[] { "x-request-id" },
        });

        Assert.Equal("NOT_FOUND", result.GetProperty("code").GetString());
        var all = Pairs(result.GetProperty("headers")).Concat(Pairs(result.GetProperty("trailers")));
        Assert.Contains(("x-request-id", "abc-123"), all);
    }

    private static List<(string, string)> Pairs(JsonElement array) =>
        array.EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToList();
}
