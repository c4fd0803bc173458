namespace Attune.Generator.Backends;

/// <summary>
/// Something that writes responses to a prompt, or continues a partial one: an OpenAI-compatible chat completions
/// server or the candidate pool. Failures are <see cref="global::Grpc.Core.RpcException"/>s with the status the caller gets
/// (UNAVAILABLE, DEADLINE_EXCEEDED), messages naming the backend.
/// </summary>
public interface IChatBackend
{
    /// <summary>"pool" or the backend's model name, as reported in GenerateReply.backend.</summary>
    string Name { get; }

    /// <summary>Up to <see cref="CompletionRequest.N"/> completions (fewer when the backend has fewer distinct ones).</summary>
    Task<IReadOnlyList<Completion>> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken);
}
