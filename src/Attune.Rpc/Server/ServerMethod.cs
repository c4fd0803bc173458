namespace Attune.Rpc;

/// <summary>One bound service method: reads the request, runs the handler, writes the response.</summary>
internal abstract class ServerMethod(string path, string serviceName, MethodType type)
{
    /// <summary>The HTTP path, <c>/package.Service/Method</c>.</summary>
    public string Path { get; } = path;

    public string ServiceName { get; } = serviceName;

    public MethodType Type { get; } = type;

    public abstract Task InvokeAsync(ServerCallContext context);
}
