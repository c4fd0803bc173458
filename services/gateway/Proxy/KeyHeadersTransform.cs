using Attune.Gateway.Security;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Attune.Gateway.Proxy;

/// <summary>
/// Keeps the API key from the backends on every route: <c>x-api-key</c> is never forwarded, and <c>authorization</c>
/// is dropped when it carried the key (otherwise it passes untouched).
/// </summary>
public sealed class KeyHeadersTransform : ITransformProvider
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
