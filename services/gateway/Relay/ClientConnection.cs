using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Attune.Gateway.Relay;

/// <summary>
/// A client's HTTP/2 connection to the gateway (the relay in the server role): the preface, streams the client opens
/// (each handed to <see cref="Http2Relay.Start"/>), and their frames passed to each call's <see cref="RelayStream"/>.
/// When the connection ends, every call still on it is reset toward its backend.
/// </summary>
internal sealed class ClientConnection : Http2Connection
{
    /// <summary>Streams a client may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS).</summary>
    public const int MaxConcurrentStreams = 1000;

    private static readonly (ushort Id, uint Value)[] Settings =
    [
        (Http2.SettingsMaxConcurrentStreams, MaxConcurrentStreams),
        (Http2.SettingsInitialWindowSize, StreamWindow),
        (Http2.SettingsMaxHeaderListSize, MaxHeaderListSize),
    ];

    private readonly ConcurrentDictionary<int, RelayStream> _streams = new();
    private readonly Http2Relay _relay;
    private readonly RequestHead _request = new();
    private readonly PassingHead _trailers = new();
    private readonly HeaderBlock _outgoing = new();
    private int _lastStreamId;

    /// <summary>A connection served by <paramref name="relay"/>.</summary>
    public ClientConnection(Http2Relay relay) => _relay = relay;

    /// <summary>Streams open now.</summary>
    public int ActiveStreams => _streams.Count;

    /// <inheritdoc />
    protected override ReadOnlySpan<(ushort Id, uint Value)> LocalSettings => Settings;

    /// <summary>Serves the connection until the client or the server ends it.</summary>
    public async Task RunAsync(ConnectionContext connection)
    {
        var transport = connection.Transport;
        var writer = Output.RunAsync(async bytes =>
        {
            var flushed = await transport.Output.WriteAsync(bytes).ConfigureAwait(false);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                throw new ConnectionAbortedException("The client stopped reading.");
            }
        });
        var closing = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var goAway = closing.Register(() => Output.GoAway(Volatile.Read(ref _lastStreamId), Http2Error.NoError));
        try
        {
            if (await ReadPrefaceAsync(transport.Input, connection.ConnectionClosed).ConfigureAwait(false))
            {
                SendLocalSettings();
                await ReadFramesAsync(transport.Input, connection.ConnectionClosed).ConfigureAwait(false);
            }
        }
        catch (Http2ConnectionException e)
        {
            _relay.LogProtocolError(connection.ConnectionId, e);
            Output.GoAway(Volatile.Read(ref _lastStreamId), e.Code);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ConnectionResetException or ConnectionAbortedException)
        {
            // The client went away.
        }
        finally
        {
            foreach (var stream in _streams.Values)
            {
                stream.OnClientLost();
            }

            Output.Complete();
            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
            {
                // Nothing more can reach the client.
            }
        }
    }

    /// <summary>Forgets a finished stream (only if it is still <paramref name="stream"/>).</summary>
    public void Remove(int streamId, RelayStream stream) => _streams.TryRemove(new KeyValuePair<int, RelayStream>(streamId, stream));

    /// <inheritdoc />
    protected override void OnHeaders(int streamId, ReadOnlySpan<byte> block, bool endStream)
    {
        if (_streams.TryGetValue(streamId, out var open))
        {
            _trailers.Reset();
            var passing = new PassingSink(_trailers);
            Decode(block, ref passing);
            if (!endStream)
            {
                throw new Http2ConnectionException(Http2Error.ProtocolError, "Request trailers without END_STREAM.");
            }

            open.OnClientTrailers(_trailers.Block.Written, endStream);
            return;
        }

        if ((streamId & 1) == 0)
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, $"A client opened the even stream {streamId}.");
        }

        if (streamId <= _lastStreamId)
        {
            // A stream that already ended here (the gateway answered or reset it): keep the HPACK state, drop the rest.
            var discard = default(DiscardSink);
            Decode(block, ref discard);
            return;
        }

        Volatile.Write(ref _lastStreamId, streamId);
        _request.Reset();
        var sink = new RequestSink(_request);
        Decode(block, ref sink);
        if (_request.Malformed is not null || !_request.HasRequiredPseudoHeaders)
        {
            Output.RstStream(streamId, Http2Error.ProtocolError);
            return;
        }

        if (_streams.Count >= MaxConcurrentStreams)
        {
            Output.RstStream(streamId, Http2Error.RefusedStream);
            return;
        }

        if (_relay.Start(this, streamId, _request, endStream) is { } stream)
        {
            _streams[streamId] = stream;
            _relay.Open(stream, _request, _outgoing, endStream);
        }
    }

    /// <inheritdoc />
    protected override void OnData(int streamId, in ReadOnlySequence<byte> data, bool endStream)
    {
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.OnClientData(data, endStream);
            return;
        }

        if (streamId > _lastStreamId)
        {
            throw new Http2ConnectionException(Http2Error.ProtocolError, $"DATA on the idle stream {streamId}.");
        }

        ReturnConnectionCredit((int)data.Length);
    }

    /// <inheritdoc />
    protected override void OnReset(int streamId, Http2Error code)
    {
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.OnClientReset();
        }
    }

    /// <inheritdoc />
    protected override void OnStreamWindowUpdate(int streamId, int increment)
    {
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.Down?.WindowUpdate(increment);
        }
    }

    /// <inheritdoc />
    protected override void OnInitialWindowChanged(int delta)
    {
        foreach (var stream in _streams.Values)
        {
            stream.Down?.WindowUpdate(delta);
        }
    }

    /// <inheritdoc />
    protected override void OnGoAway(int lastStreamId, Http2Error code)
    {
        // The client opens nothing more; its open calls go on until they end.
    }

    private static async Task<bool> ReadPrefaceAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= Http2.Preface.Length)
            {
                var matches = IsPreface(buffer.Slice(0, Http2.Preface.Length));
                input.AdvanceTo(buffer.GetPosition(Http2.Preface.Length));
                if (!matches)
                {
                    throw new Http2ConnectionException(Http2Error.ProtocolError, "The connection did not start with the HTTP/2 preface (the gRPC port speaks h2c only).");
                }

                return true;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return false;
            }
        }
    }

    private static bool IsPreface(in ReadOnlySequence<byte> bytes)
    {
        Span<byte> copy = stackalloc byte[Http2.Preface.Length];
        bytes.CopyTo(copy);
        return copy.SequenceEqual(Http2.Preface);
    }
}
