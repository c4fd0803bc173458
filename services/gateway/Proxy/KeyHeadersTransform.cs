using Attune.Gateway.Options;
using Attune.Gateway.Security;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Attune.Gateway.Proxy;

/// <summary>
/// Keeps the API key from the backends on every route: <c>x-api-key</c> is never forwarded, and <c>authorization</c>
/// is dropped when it carried the key (otherwise it passes untouched). YARP's default <c>X-Forwarded-*</c> headers are
/// added unless <c>Gateway:ForwardedHeaders</c> is false.
/// </summary>
public sealed class KeyHeadersTransform(IOptions<GatewayOptions> options) : ITransformProvider
{
    /// <inheritdoc />
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    /// <inheritdoc />
    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    /// <inheritdoc />
    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UseDefaultForwarders = options.Value.ForwardedHeaders;
        context.AddRequestHeaderRemove(Credentials.ApiKeyHeader);
        context.AddRequestTransform(transform =>
        {
            if (transform.HttpContext.Items.ContainsKey(Credentials.FromAuthorizationItem))
            {
                transform.ProxyRequest.Headers.Authorization = null;
            }

            return ValueTask.CompletedTask;
        });
    }
}
