using Attune.Rpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Attune.Rpc;

/// <summary>
/// Terminal middleware for gRPC requests: one dictionary lookup by path, protocol checks, then the bound method through
/// the interceptor chain. Requests that are not gRPC pass to the rest of the pipeline.
/// </summary>
internal sealed class GrpcDispatcher(RequestDelegate next, GrpcServerRuntime runtime, IServiceProvider services)
{
    private const string InternalDetail = "Exception was thrown by handler.";
    private readonly IServerInterceptor[] _interceptors = runtime.GetInterceptors(services);

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value;
        if (path is null || !runtime.Registry.TryGetMethod(path, out var method))
        {
            return IsGrpcRequest(request) ? RefuseUnknownAsync(http, path) : next(http);
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            return RefuseHttpAsync(http, StatusCodes.Status426UpgradeRequired, "gRPC requires HTTP/2.");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return RefuseHttpAsync(http, StatusCodes.Status405MethodNotAllowed, "gRPC requires POST.");
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            return RefuseHttpAsync(http, StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/grpc.");
        }

        return HandleAsync(http, method);
    }

    private async Task HandleAsync(HttpContext http, ServerMethod method)
    {
        if (method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming)
        {
            AllowLongRequestBody(http);
        }

        var context = new ServerCallContext(http, method, runtime);
        var status = context.Initialize();
        if (status.Code == StatusCode.OK)
        {
            try
            {
                if (_interceptors.Length == 0)
                {
                    await method.InvokeAsync(context).ConfigureAwait(false);
                }
                else
                {
                    await InvokeInterceptorAsync(context, method, 0).ConfigureAwait(false);
                }

                status = context.Status;
            }
            catch (RpcException e)
            {
                status = e.Status;
                context.MergeTrailers(e.Trailers);
            }
            catch (Exception) when (context.DeadlinePassed)
            {
                status = new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
            }
            catch (Exception) when (http.RequestAborted.IsCancellationRequested)
            {
                status = new Status(StatusCode.Cancelled, "Call cancelled by the client.");
            }
            catch (Exception e)
            {
                runtime.Logger.LogError(e, "gRPC handler {Method} threw", method.Path);
                status = new Status(StatusCode.Internal, InternalDetail);
            }
        }

        await context.CompleteAsync(status).ConfigureAwait(false);
    }

    private Task InvokeInterceptorAsync(ServerCallContext context, ServerMethod method, int index) =>
        index == _interceptors.Length
            ? method.InvokeAsync(context)
            : _interceptors[index].InvokeAsync(context, () => InvokeInterceptorAsync(context, method, index + 1));

    private static void AllowLongRequestBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
    }

    private static bool IsGrpcRequest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && GrpcProtocol.IsGrpcContentType(request.ContentType);

    private Task RefuseUnknownAsync(HttpContext http, string? path)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            return RefuseHttpAsync(http, StatusCodes.Status426UpgradeRequired, "gRPC requires HTTP/2.");
        }

        var service = path is { Length: > 1 } && path.IndexOf('/', 1) is var slash and > 1 ? path[1..slash] : string.Empty;
        var detail = runtime.Registry.HasService(service)
            ? $"Method is unimplemented: {path}"
            : $"Service is unimplemented: {(service.Length > 0 ? service : path)}";
        var response = http.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusCodeText(StatusCode.Unimplemented);
        response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(detail);
        return Task.CompletedTask;
    }

    private static Task RefuseHttpAsync(HttpContext http, int statusCode, string text)
    {
        http.Response.StatusCode = statusCode;
        if (statusCode == StatusCodes.Status426UpgradeRequired)
        {
            http.Response.Headers.Upgrade = "h2c";
            http.Response.Headers.Connection = "Upgrade";
        }

        http.Response.ContentType = "text/plain";
        return http.Response.WriteAsync(text);
    }
}
