using Attune.Contracts.V1;
using Attune.Rpc;

namespace Attune.Contracts.Clients;

/// <summary>A typed client of attune.v1.AdapterService, which keeps per-user weights and scores responses. Read-only RPCs are marked idempotent, so UNAVAILABLE is retried.</summary>
/// <param name="channel">The channel to call through (share one per server address).</param>
public sealed class AdapterServiceClient(GrpcChannel channel)
{
    /// <summary>The full service name.</summary>
    public const string ServiceName = "attune.v1.AdapterService";

    private static readonly Method<GetProfileRequest, GetProfileReply> GetProfileMethod =
        new(MethodType.Unary, ServiceName, "GetProfile", GetProfileReply.Parser, idempotent: true);

    private static readonly Method<NextQueryRequest, NextQueryReply> NextQueryMethod =
        new(MethodType.Unary, ServiceName, "NextQuery", NextQueryReply.Parser, idempotent: true);

    private static readonly Method<SubmitAnswerRequest, SubmitAnswerReply> SubmitAnswerMethod =
        new(MethodType.Unary, ServiceName, "SubmitAnswer", SubmitAnswerReply.Parser);

    private static readonly Method<ScoreRequest, ScoreReply> ScoreMethod =
        new(MethodType.Unary, ServiceName, "Score", ScoreReply.Parser, idempotent: true);

    private static readonly Method<CompareRequest, CompareReply> CompareMethod =
        new(MethodType.Unary, ServiceName, "Compare", CompareReply.Parser, idempotent: true);

    /// <summary>The user's current profile.</summary>
    public Task<GetProfileReply> GetProfileAsync(GetProfileRequest request, CallOptions options = default) =>
        channel.UnaryAsync(GetProfileMethod, request, options);

    /// <summary>The candidate pair the model is most uncertain about for this user.</summary>
    public Task<NextQueryReply> NextQueryAsync(NextQueryRequest request, CallOptions options = default) =>
        channel.UnaryAsync(NextQueryMethod, request, options);

    /// <summary>Records the user's answer to a pair and returns the updated profile.</summary>
    public Task<SubmitAnswerReply> SubmitAnswerAsync(SubmitAnswerRequest request, CallOptions options = default) =>
        channel.UnaryAsync(SubmitAnswerMethod, request, options);

    /// <summary>Personalized rewards for responses to one prompt.</summary>
    public Task<ScoreReply> ScoreAsync(ScoreRequest request, CallOptions options = default) =>
        channel.UnaryAsync(ScoreMethod, request, options);

    /// <summary>P(user prefers a over b) with its uncertainty.</summary>
    public Task<CompareReply> CompareAsync(CompareRequest request, CallOptions options = default) =>
        channel.UnaryAsync(CompareMethod, request, options);
}
