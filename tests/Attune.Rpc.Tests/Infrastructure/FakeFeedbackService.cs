using Attune.Contracts.V1;
using Google.Protobuf.Reflection;

namespace Attune.Rpc.Tests.Infrastructure;

/// <summary>attune.v1.FeedbackService answering from memory; its proto imports common.proto, which imports timestamp.proto.</summary>
public sealed class FakeFeedbackService(CallProbe probe) : IGrpcService
{
    public static ServiceDescriptor Descriptor => FeedbackReflection.Descriptor.Services[0];

    public Task<RecordComparisonReply> RecordComparison(RecordComparisonRequest request, ServerCallContext context)
    {
        probe.CountCall();
        return Task.FromResult(new RecordComparisonReply { ComparisonId = "c-" + request.Comparison.UserId });
    }

    public async Task<RecordComparisonsReply> RecordComparisons(IAsyncStreamReader<RecordComparisonRequest> requests, ServerCallContext context)
    {
        long stored = 0;
        await foreach (var _ in requests.ReadAllAsync(context.CancellationToken))
        {
            stored++;
        }

        return new RecordComparisonsReply { Stored = stored };
    }

    public Task<ListComparisonsReply> ListComparisons(ListComparisonsRequest request, ServerCallContext context)
    {
        if (probe.CountCall() <= request.PageSize)
        {
            throw new RpcException(StatusCode.Unavailable, "store warming up");
        }

        return Task.FromResult(new ListComparisonsReply { NextPageToken = "next" });
    }

    public Task<EraseUserReply> EraseUser(EraseUserRequest request, ServerCallContext context)
    {
        probe.CountCall();
        throw new RpcException(StatusCode.Unavailable, "store down");
    }

    public Task<GetStatsReply> GetStats(GetStatsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetStatsReply { Comparisons = probe.Calls });
}
