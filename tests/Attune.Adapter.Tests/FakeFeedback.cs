using System.Collections.Concurrent;
using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Adapter.Tests;

/// <summary>
/// A test peer speaking attune.v1.FeedbackService: RecordComparison assigns ids (one per user and client id, as the
/// real service) and remembers the comparison; every other RPC is UNIMPLEMENTED.
/// </summary>
public sealed class FakeFeedback(PeerState state) : FeedbackService.FeedbackServiceBase
{
    private static readonly ConcurrentDictionary<(string, string), string> ByClientId = new();


    public override Task<RecordComparisonReply> RecordComparison(RecordComparisonRequest request, ServerCallContext context)
    {
        if (state.FeedbackDown)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The feedback store is unavailable; nothing was stored. Retry later."));
        }

        var c = request.Comparison;
        var fresh = Guid.CreateVersion7().ToString();
        var id = c.ClientId.Length > 0 ? ByClientId.GetOrAdd((c.UserId, c.ClientId), fresh) : fresh;
        var duplicate = id != fresh;
        if (!duplicate)
        {
            var stored = c.Clone();
            stored.ComparisonId = id;
            state.Recorded.Enqueue(stored);
        }

        return Task.FromResult(new RecordComparisonReply { ComparisonId = id, Duplicate = duplicate });
    }

    public override Task<RecordComparisonsReply> RecordComparisons(IAsyncStreamReader<RecordComparisonRequest> requests, ServerCallContext context) =>
        throw Unimplemented();

    public override Task<ListComparisonsReply> ListComparisons(ListComparisonsRequest request, ServerCallContext context) => throw Unimplemented();

    public override Task<EraseUserReply> EraseUser(EraseUserRequest request, ServerCallContext context) => throw Unimplemented();

    public override Task<GetStatsReply> GetStats(GetStatsRequest request, ServerCallContext context) => throw Unimplemented();

    private static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "not part of the test peer"));
}
