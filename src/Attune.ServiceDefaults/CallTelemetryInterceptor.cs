using System.Diagnostics;
using System.Diagnostics.Metrics;
using Attune.Rpc;

namespace Attune.ServiceDefaults;

/// <summary>
/// Every gRPC call of a service passes through here: one trace span (<see cref="ActivitySourceName"/>), a call counter
/// and a duration histogram (meter <see cref="MeterName"/>, tagged with method and status). Handler exceptions are
/// logged by the transport itself.
/// </summary>
public sealed class CallTelemetryInterceptor : IServerInterceptor
{
    /// <summary>Name of the trace source and meter.</summary>
    public const string ActivitySourceName = "Attune.Rpc.Server";

    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Attune.Rpc.Server";

    private static readonly ActivitySource Source = new(ActivitySourceName);
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("rpc.server.calls", description: "gRPC calls handled");
    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("rpc.server.duration", unit: "ms", description: "gRPC call duration");

    /// <inheritdoc />
    public async Task InvokeAsync(ServerCallContext context, Func<Task> next)
    {
        using var activity = Source.HasListeners() ? Source.StartActivity(context.Method, ActivityKind.Server) : null;
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            await next();
            code = context.Status.Code;
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
            // The transport logs the exception and answers INTERNAL without its text.
            code = StatusCode.Internal;
            throw;
        }
        finally
        {
            var method = new KeyValuePair<string, object?>("rpc.method", context.Method);
            var status = new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code);
            Calls.Add(1, method, status);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, method, status);
            activity?.SetTag("rpc.grpc.status_code", (int)code);
            if (code is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
