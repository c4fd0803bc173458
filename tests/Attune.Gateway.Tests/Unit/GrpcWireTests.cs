using Attune.Gateway.Forwarding;

namespace Attune.Gateway.Tests.Unit;

/// <summary>The gateway's own status responses and Retry-After (the wire format itself is tested in Attune.Rpc.Tests).</summary>
public sealed class GrpcWireTests
{
    [Theory]
    [InlineData("plain text")]
    [InlineData("é 100%")]
    public void WriteStatus_beforeBody_trailersOnlyWithEncodedMessage(string message)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();

        GrpcWire.WriteStatus(context.Response, Attune.Rpc.StatusCode.Unavailable, message);

        Assert.Equal(Attune.Rpc.GrpcWireFormat.EncodeMessage(message), context.Response.Headers["grpc-message"].ToString());
        Assert.Equal("14", context.Response.Headers["grpc-status"].ToString());
    }

    [Fact]
    public void RetryAfterSeconds_fraction_roundedUpToAtLeastOne()
    {
        Assert.Equal("1", GrpcWire.RetryAfterSeconds(TimeSpan.FromMilliseconds(10)));
        Assert.Equal("3", GrpcWire.RetryAfterSeconds(TimeSpan.FromSeconds(2.1)));
    }
}
