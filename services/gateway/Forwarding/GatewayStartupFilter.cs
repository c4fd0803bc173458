using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Attune.Gateway.Forwarding;

/// <summary>Puts <see cref="GatewayMiddleware"/> in front of the whole pipeline, the gRPC server's dispatcher included.</summary>
internal sealed class GatewayStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<GatewayMiddleware>();
        next(app);
    };
}
