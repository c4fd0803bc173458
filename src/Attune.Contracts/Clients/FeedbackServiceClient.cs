using Attune.Contracts.V1;
using Attune.Rpc;

namespace Attune.Contracts.Clients;

/// <summary>A typed client of attune.v1.FeedbackService, which records users' pairwise comparisons. Read-only RPCs are marked idempotent, so UNAVAILABLE is retried.</summary>
/// <param name="channel">The channel to call through (share one per server address).</param>
public sealed class FeedbackServiceClient(GrpcChannel channel)
{
    /// <summary>The full service name.</summary>
    public const string ServiceName = "attune.v1.FeedbackService";

    private static readonly Method<RecordComparisonRequest, RecordComparisonReply> RecordComparisonMethod =
        new(MethodType.Unary, ServiceName, "RecordComparison", RecordComparisonReply.Parser);

    private static readonly Method<RecordComparisonRequest, RecordComparisonsReply> RecordComparisonsMethod =
        new(MethodType.ClientStreaming, ServiceName, "RecordComparisons", RecordComparisonsReply.Parser);

    private static readonly Method<ListComparisonsRequest, ListComparisonsReply> ListComparisonsMethod =
        new(MethodType.Unary, ServiceName, "ListComparisons", ListComparisonsReply.Parser, idempotent: true);

    private static readonly Method<EraseUserRequest, EraseUserReply> EraseUserMethod =
        new(MethodType.Unary, ServiceName, "EraseUser", EraseUserReply.Parser);

    private static readonly Method<GetStatsRequest, GetStatsReply> GetStatsMethod =
        new(MethodType.Unary, ServiceName, "GetStats", GetStatsReply.Parser, idempotent: true);

    /// <summary>Records one comparison.</summary>
    public Task<RecordComparisonReply> RecordComparisonAsync(RecordComparisonRequest request, CallOptions options = default) =>
        channel.UnaryAsync(RecordComparisonMethod, request, options);

    /// <summary>Bulk import as a client stream.</summary>
    public AsyncClientStreamingCall<RecordComparisonRequest, RecordComparisonsReply> RecordComparisons(CallOptions options = default) =>
        channel.ClientStreaming(RecordComparisonsMethod, options);

    /// <summary>Lists stored comparisons, newest first.</summary>
    public Task<ListComparisonsReply> ListComparisonsAsync(ListComparisonsRequest request, CallOptions options = default) =>
        channel.UnaryAsync(ListComparisonsMethod, request, options);

    /// <summary>Erases every comparison of a user.</summary>
    public Task<EraseUserReply> EraseUserAsync(EraseUserRequest request, CallOptions options = default) =>
        channel.UnaryAsync(EraseUserMethod, request, options);

    /// <summary>Counts of stored comparisons and users.</summary>
    public Task<GetStatsReply> GetStatsAsync(GetStatsRequest request, CallOptions options = default) =>
        channel.UnaryAsync(GetStatsMethod, request, options);
}
