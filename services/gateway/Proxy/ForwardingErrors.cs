using Attune.Gateway.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Attune.Gateway.Proxy;

/// <summary>
/// A step of YARP's proxy pipeline, after forwarding: when the call failed before the backend answered, the client
/// gets a status it can act on instead of YARP's bare 502 (UNAVAILABLE naming the cluster and address for gRPC,
/// RESOURCE_EXHAUSTED / 413 for a body over the route's limit), and the log gets one line without a stack trace:
/// a warning when the backend failed, debug when the client went away.
/// </summary>
public sealed class ForwardingErrors(ILogger<ForwardingErrors> logger)
{
    /// <summary>Runs the rest of the pipeline, then answers for a failed forward.</summary>
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next();
        var failure = context.GetForwarderErrorFeature();
        if (failure is null)
        {
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        var cluster = proxy.Route.Cluster?.ClusterId ?? "?";
        var address = proxy.ProxiedDestination?.Model.Config.Address ?? "(no destination)";
        var detail = failure.Exception is { } e ? $"{e.GetType().Name}: {Innermost(e).Message}" : failure.Error.ToString();
        if (ByClient(failure.Error) && !TooLarge(failure.Exception))
        {
            logger.LogDebug("{Method} {Path}: the client ended the call ({Error}, {Detail}).", context.Request.Method, context.Request.Path, failure.Error, detail);
            return;
        }

        if (TooLarge(failure.Exception))
        {
            logger.LogInformation("{Method} {Path}: request body over the route's limit.", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                await CallErrors.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
                    "The request is larger than the gateway accepts on this route.");
            }

            return;
        }

        logger.LogWarning("{Method} {Path} -> cluster {Cluster} at {Address} failed: {Error} ({Detail}).",
            context.Request.Method, context.Request.Path, cluster, address, failure.Error, detail);
        if (!context.Response.HasStarted)
        {
            var status = failure.Error is ForwarderError.RequestTimedOut ? StatusCode.DeadlineExceeded : StatusCode.Unavailable;
            var http = failure.Error is ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable;
            var message = failure.Error is ForwarderError.NoAvailableDestinations
                ? $"Cluster '{cluster}' has no available destination."
                : $"The backend of cluster '{cluster}' at {address} cannot be reached ({failure.Error}).";
            await CallErrors.WriteAsync(context, status, http, message);
        }
    }

    private static bool ByClient(ForwarderError error) => error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
        or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled
        or ForwarderError.UpgradeResponseClient;

    private static bool TooLarge(Exception? exception) =>
        exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || exception?.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
