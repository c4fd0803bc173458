using System.Runtime.CompilerServices;

namespace Attune.Rpc;

/// <summary>Extensions over <see cref="IAsyncStreamReader{T}"/>.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads every remaining message as an async sequence, e.g. <c>await foreach (var m in requests.ReadAllAsync(ct))</c>.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}
