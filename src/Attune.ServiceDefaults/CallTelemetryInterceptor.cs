using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Attune.ServiceDefaults;

/// <summary>
/// Every gRPC call of a service passes through here: a call counter and a duration histogram (meter
/// <see cref="MeterName"/>, tagged with method and status code), and the status code on the request's trace span (the
/// span itself is ASP.NET Core's, exported by the OpenTelemetry ASP.NET Core instrumentation). Handler exceptions are
/// logged by Grpc.AspNetCore itself.
/// </summary>
public sealed class CallTelemetryInterceptor : Interceptor
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Attune.Grpc.Server";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("rpc.server.calls", description: "gRPC calls handled");
    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("rpc.server.duration", unit: "ms", description: "gRPC call duration");

    /// <summary>
    /// Whether anything would see the figures: a metrics listener (the OpenTelemetry meter provider, dotnet-counters) or
    /// a sampled trace span. When nothing listens (telemetry not configured) a call passes straight through, with no
    /// wrapper, closure or timing: bench/grpc measured the unconditional wrapper at a few percent of a unary call.
    /// </summary>
    private static bool Observed => Calls.Enabled || Duration.Enabled || Activity.Current is { Recorded: true };

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        Observed ? Observe(context, () => continuation(request, context)) : continuation(request, context);

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        Observed ? Observe(context, () => continuation(requestStream, context)) : continuation(requestStream, context);

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Observed
            ? Observe(context, async () => { await continuation(request, responseStream, context); return true; })
            : continuation(request, responseStream, context);

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Observed
            ? Observe(context, async () => { await continuation(requestStream, responseStream, context); return true; })
            : continuation(requestStream, responseStream, context);

    private static async Task<T> Observe<T>(ServerCallContext context, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            var result = await call();
            code = context.Status.StatusCode;
            return result;
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            code = StatusCode.Cancelled;
            throw;
        }
        catch
        {
            // Grpc.AspNetCore logs the exception and answers UNKNOWN without its text.
            code = StatusCode.Unknown;
            throw;
        }
        finally
        {
            var method = new KeyValuePair<string, object?>("rpc.method", context.Method);
            var status = new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code);
            Calls.Add(1, method, status);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, method, status);
            var activity = Activity.Current;
            if (activity is not null)
            {
                activity.SetTag("rpc.grpc.status_code", (int)code);
                if (code is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }
        }
    }
}
