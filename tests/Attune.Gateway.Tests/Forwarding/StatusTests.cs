using System.Net;
using System.Net.Http.Headers;
using Attune.Contracts.Testing.V1;
using Attune.Gateway.Tests.Hosting;
using Grpc.Core;

namespace Attune.Gateway.Tests.Forwarding;

/// <summary>Errors, Trailers-Only responses, deadlines and cancellation through the gateway.</summary>
public sealed class StatusTests(EchoGatewayFixture fixture) : IClassFixture<EchoGatewayFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private EchoService.EchoServiceClient Client => new(fixture.Gateway.Channel);

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "name: is required")]
    [InlineData(StatusCode.NotFound, "no such user")]
    [InlineData(StatusCode.Internal, "broken")]
    public async Task Unary_backendFails_statusAndMessageReachClient(StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync(
            new EchoRequest { Message = $"fail-{code}", FailCode = (int)code, FailMessage = message }, GatewayHost.WithKey(TestKeys.Open)).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
    }

    [Fact]
    public async Task Unary_backendAnswersTrailersOnly_forwardedAsTrailersOnly()
    {
        // An empty body is no request message: Grpc.AspNetCore answers with a Trailers-Only error, which must arrive as
        // such (grpc-status in the only HEADERS frame, no body, no trailers), or clients behind proxies misread it.
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Gateway.GrpcAddress, "/attune.testing.v1.EchoService/Unary"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Add("x-api-key", TestKeys.Open);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("grpc-status", out var status));
        Assert.NotEqual("0", Assert.Single(status));
        Assert.Empty(body);
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Unary_withDeadline_backendSeesTheDeadline()
    {
        var before = DateTime.UtcNow;

        await Client.UnaryAsync(new EchoRequest { Message = "deadline-seen" }, GatewayHost.WithKey(TestKeys.Open, TimeSpan.FromMinutes(5)));

        var seen = fixture.Probe.Deadlines["deadline-seen"];
        Assert.InRange(seen, before, before + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Unary_deadlinePassesWhileBackendWorks_deadlineExceededAndBackendCancelled()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UnaryAsync(
            new EchoRequest { Message = "deadline-passes", DelayMs = 60_000 }, GatewayHost.WithKey(TestKeys.Open, TimeSpan.FromMilliseconds(300))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await fixture.Probe.Cancelled("deadline-passes").Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ServerStream_clientCancels_backendCallCancelled()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var options = GatewayHost.WithKey(TestKeys.Open).WithCancellationToken(cancel.Token);
        using var call = Client.ServerStream(new EchoRequest { Message = "client-cancels", DelayMs = 60_000 }, options);
        await fixture.Probe.Deadlines.WaitForKeyAsync("client-cancels", Patience);

        await cancel.CancelAsync();

        await fixture.Probe.Cancelled("client-cancels").Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Unary_unknownService_unimplemented()
    {
        var invoker = fixture.Gateway.Channel.CreateCallInvoker();
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "attune.testing.v1.NoSuchService", "Unary",
            Marshallers.Create<EchoRequest>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoRequest.Parser.ParseFrom),
            Marshallers.Create<EchoReply>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoReply.Parser.ParseFrom));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            invoker.AsyncUnaryCall(method, null, GatewayHost.WithKey(TestKeys.Open), new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}
