using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Attune.Rpc;

/// <summary>Puts the gRPC dispatcher in front of the application's pipeline (before routing), once.</summary>
internal sealed class GrpcStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<GrpcDispatcher>();
        next(app);
    };
}
