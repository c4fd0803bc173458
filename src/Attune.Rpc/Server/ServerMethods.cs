using System.Reflection;
using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>A unary method bound to an open-instance delegate.</summary>
internal sealed class UnaryServerMethod<TService, TRequest, TResponse>(
    string path, string serviceName, MethodInfo method, MessageParser<TRequest> parser, ServiceActivator<TService> activator)
    : ServerMethod(path, serviceName, MethodType.Unary)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Func<TService, TRequest, ServerCallContext, Task<TResponse>> _handler =
        method.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();

    public override async Task InvokeAsync(ServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(parser).ConfigureAwait(false);
        var service = activator.Create(context.HttpContext);
        try
        {
            var response = await _handler(service, request, context).ConfigureAwait(false);
            if (context.Status.Code == StatusCode.OK)
            {
                await context.WriteMessageAsync(response, flush: false, default).ConfigureAwait(false);
            }
        }
        finally
        {
            await activator.ReleaseAsync(service).ConfigureAwait(false);
        }
    }
}

/// <summary>A server-streaming method bound to an open-instance delegate.</summary>
internal sealed class ServerStreamingServerMethod<TService, TRequest, TResponse>(
    string path, string serviceName, MethodInfo method, MessageParser<TRequest> parser, ServiceActivator<TService> activator)
    : ServerMethod(path, serviceName, MethodType.ServerStreaming)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> _handler =
        method.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();

    public override async Task InvokeAsync(ServerCallContext context)
    {
        var request = await context.ReadSingleMessageAsync(parser).ConfigureAwait(false);
        var service = activator.Create(context.HttpContext);
        try
        {
            await _handler(service, request, new ServerStreamWriter<TResponse>(context), context).ConfigureAwait(false);
        }
        finally
        {
            await activator.ReleaseAsync(service).ConfigureAwait(false);
        }
    }
}

/// <summary>A client-streaming method bound to an open-instance delegate.</summary>
internal sealed class ClientStreamingServerMethod<TService, TRequest, TResponse>(
    string path, string serviceName, MethodInfo method, MessageParser<TRequest> parser, ServiceActivator<TService> activator)
    : ServerMethod(path, serviceName, MethodType.ClientStreaming)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> _handler =
        method.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>();

    public override async Task InvokeAsync(ServerCallContext context)
    {
        var service = activator.Create(context.HttpContext);
        try
        {
            var reader = new ServerStreamReader<TRequest>(context, parser);
            var response = await _handler(service, reader, context).ConfigureAwait(false);
            if (context.Status.Code == StatusCode.OK)
            {
                await context.WriteMessageAsync(response, flush: false, default).ConfigureAwait(false);
            }
        }
        finally
        {
            await activator.ReleaseAsync(service).ConfigureAwait(false);
        }
    }
}

/// <summary>A bidirectional-streaming method bound to an open-instance delegate.</summary>
internal sealed class DuplexStreamingServerMethod<TService, TRequest, TResponse>(
    string path, string serviceName, MethodInfo method, MessageParser<TRequest> parser, ServiceActivator<TService> activator)
    : ServerMethod(path, serviceName, MethodType.DuplexStreaming)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> _handler =
        method.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();

    public override async Task InvokeAsync(ServerCallContext context)
    {
        var service = activator.Create(context.HttpContext);
        try
        {
            var reader = new ServerStreamReader<TRequest>(context, parser);
            await _handler(service, reader, new ServerStreamWriter<TResponse>(context), context).ConfigureAwait(false);
        }
        finally
        {
            await activator.ReleaseAsync(service).ConfigureAwait(false);
        }
    }
}
