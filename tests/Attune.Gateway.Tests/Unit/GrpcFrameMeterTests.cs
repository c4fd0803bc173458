using Attune.Gateway.Forwarding;

namespace Attune.Gateway.Tests.Unit;

/// <summary>Following gRPC frames through arbitrary read boundaries.</summary>
public sealed class GrpcFrameMeterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Observe_framesInAnyChunking_boundaryOnlyAfterWholeFrames(int chunk)
    {
        byte[] body = [.. Frame(10), .. Frame(0), .. Frame(300)];
        var meter = new GrpcFrameMeter(1024);
        var boundaries = new List<int>();

        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            var length = Math.Min(chunk, body.Length - offset);
            Assert.True(meter.Observe(body.AsSpan(offset, length)));
            if (meter.AtBoundary)
            {
                boundaries.Add(offset + length);
            }
        }

        Assert.Equal(body.Length, boundaries[^1]);
        Assert.All(boundaries, b => Assert.Contains(b, new[] { 15, 20, 325 }));
    }

    [Fact]
    public void Observe_frameOverTheLimit_falseWithTheAnnouncedLength()
    {
        var meter = new GrpcFrameMeter(100);

        Assert.True(meter.Observe(Frame(100)));
        Assert.False(meter.Observe(Frame(101).AsSpan(0, 5)));
        Assert.Equal(101, meter.Announced);
    }

    private static byte[] Frame(int length)
    {
        var frame = new byte[5 + length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)length);
        return frame;
    }
}
