using Attune.Contracts.V1;
using Attune.Feedback.Domain;
using Grpc.Core;
using Attune.ServiceDefaults;
using Attune.Storage;
using Google.Protobuf.WellKnownTypes;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Feedback.Grpc;

/// <summary>attune.v1.FeedbackService: validates requests and hands them to <see cref="FeedbackIngest"/>.</summary>
public sealed class FeedbackGrpcService(FeedbackIngest ingest, IFeedbackStore store) : FeedbackService.FeedbackServiceBase
{
    /// <summary>Comparisons stored per transaction during a bulk import.</summary>
    public const int ImportBatchSize = 256;


    public override async Task<RecordComparisonReply> RecordComparison(RecordComparisonRequest request, ServerCallContext context)
    {
        var result = await ingest.RecordAsync(Validate(request.Comparison, "comparison"), context.CancellationToken);
        return new RecordComparisonReply { ComparisonId = result.ComparisonId.ToString(), Duplicate = result.Duplicate };
    }

    public override async Task<RecordComparisonsReply> RecordComparisons(
        IAsyncStreamReader<RecordComparisonRequest> requests, ServerCallContext context)
    {
        var reply = new RecordComparisonsReply();
        var batch = new List<ValidComparison>(ImportBatchSize);
        var index = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            ValidComparison valid;
            try
            {
                valid = Validate(request.Comparison, $"comparisons[{index}].comparison");
            }
            catch (RpcException)
            {
                // Everything before the bad message stays stored, as the contract says.
                await Flush();
                throw;
            }

            batch.Add(valid);
            index++;
            if (batch.Count == ImportBatchSize)
            {
                await Flush();
            }
        }

        await Flush();
        return reply;

        async Task Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var result = await ingest.RecordBatchAsync(batch, context.CancellationToken);
            reply.Stored += result.Stored;
            reply.Duplicates += result.Duplicates;
            batch.Clear();
        }
    }

    public override async Task<ListComparisonsReply> ListComparisons(ListComparisonsRequest request, ServerCallContext context)
    {
        var userId = OptionalId(request.UserId, "user_id");
        var pageSize = PageSize(request.PageSize, 100, IFeedbackStore.MaxPageSize, "page_size");
        ComparisonPage page;
        try
        {
            page = await FeedbackIngest.Guarded(() => store.ListAsync(userId, pageSize, request.PageToken, context.CancellationToken));
        }
        catch (ArgumentException e) when (e.ParamName == "page_token")
        {
            throw Invalid("page_token", "is not a token this service issued");
        }

        var reply = new ListComparisonsReply { NextPageToken = page.NextPageToken ?? "" };
        reply.Comparisons.AddRange(page.Items.Select(MapToComparison));
        return reply;
    }

    public override async Task<EraseUserReply> EraseUser(EraseUserRequest request, ServerCallContext context)
    {
        var userId = RequireId(request.UserId, "user_id");
        return new EraseUserReply { Erased = await ingest.EraseUserAsync(userId, context.CancellationToken) };
    }

    public override async Task<GetStatsReply> GetStats(GetStatsRequest request, ServerCallContext context)
    {
        var stats = await FeedbackIngest.Guarded(() => store.GetStatsAsync(context.CancellationToken));
        return new GetStatsReply
        {
            Comparisons = stats.Comparisons,
            Users = stats.Users,
            Pairs = stats.DistinctPairs,
            PendingEvents = stats.PendingOutbox,
        };
    }

    private static ValidComparison Validate(Comparison? c, string field)
    {
        if (c is null)
        {
            throw Invalid(field, "is required");
        }

        var a = RequireText(c.ResponseA, $"{field}.response_a");
        var b = RequireText(c.ResponseB, $"{field}.response_b");
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            throw Invalid($"{field}.response_b", "must differ from response_a");
        }

        return new ValidComparison(
            OptionalId(c.ClientId, $"{field}.client_id"),
            RequireId(c.UserId, $"{field}.user_id"),
            RequireText(c.Prompt, $"{field}.prompt"),
            a,
            b,
            RequireProbability(c.Preference, $"{field}.preference"));
    }

    private static Comparison MapToComparison(StoredComparison c) => new()
    {
        ComparisonId = c.Id.ToString(),
        ClientId = c.ClientId ?? "",
        UserId = c.UserId,
        Prompt = c.Prompt,
        ResponseA = c.ResponseA,
        ResponseB = c.ResponseB,
        Preference = c.Preference,
        RecordedAt = Timestamp.FromDateTimeOffset(c.RecordedAt),
    };
}
