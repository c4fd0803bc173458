using System.Net;
using System.Net.Sockets;
using Attune.Rpc.Internal;
using Microsoft.AspNetCore.Http;

namespace Attune.Rpc;

/// <summary>The server side of one call: its method, deadline, cancellation, metadata and status.</summary>
public sealed partial class ServerCallContext
{
    private readonly ServerMethod _method;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private string? _peer;

    internal ServerCallContext(HttpContext httpContext, ServerMethod method, GrpcServerRuntime runtime)
    {
        HttpContext = httpContext;
        _method = method;
        _runtime = runtime;
        CancellationToken = httpContext.RequestAborted;
    }

    /// <summary>The full method name, e.g. <c>/attune.testing.v1.EchoService/Unary</c>.</summary>
    public string Method => _method.Path;

    /// <summary>The call's deadline (UTC) from <c>grpc-timeout</c>; <see cref="DateTime.MaxValue"/> when there is none.</summary>
    public DateTime Deadline { get; private set; } = DateTime.MaxValue;

    /// <summary>Fires when the client cancels or resets the call, or when the deadline passes.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>The request's metadata, protocol headers (<c>grpc-*</c>, <c>content-type</c>, <c>te</c>, pseudo-headers) excluded.</summary>
    public Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    /// <summary>Metadata sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>The status sent when the handler returns normally; OK unless set. A thrown <see cref="RpcException"/> wins.</summary>
    public Status Status { get; set; } = Status.Ok;

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:50412</c>.</summary>
    public string Peer => _peer ??= FormatPeer(HttpContext.Connection.RemoteIpAddress, HttpContext.Connection.RemotePort);

    /// <summary>The underlying ASP.NET Core request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Sends the response headers now, with <paramref name="headers"/>; at most once, before any message.</summary>
    /// <exception cref="InvalidOperationException">Headers were already sent.</exception>
    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (_headersStarted)
        {
            throw new InvalidOperationException("Response headers were already sent.");
        }

        await EnterWriteAsync().ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            var target = HttpContext.Response.Headers;
            foreach (var entry in headers)
            {
                target.Append(entry.Key, entry.Value);
            }

            StartResponse();
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitWrite();
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var header in HttpContext.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }

            var key = header.Key.ToLowerInvariant();
            foreach (var value in header.Value)
            {
                if (value is not null)
                {
                    metadata.AddParsed(key, value);
                }
            }
        }

        return metadata;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
