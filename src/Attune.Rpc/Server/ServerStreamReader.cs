using Google.Protobuf;

namespace Attune.Rpc;

/// <summary>Reads request messages off the HTTP/2 request body.</summary>
internal sealed class ServerStreamReader<T>(ServerCallContext context, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : context.CancellationToken;
        _current = await context.ReadMessageAsync(parser, token).ConfigureAwait(false);
        return _current is not null;
    }
}
