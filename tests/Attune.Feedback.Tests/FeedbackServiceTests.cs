using Grpc.Reflection.V1Alpha;
using Attune.Contracts.V1;
using Attune.Contracts.Messages;
using Grpc.Core;

namespace Attune.Feedback.Tests;

public sealed class FeedbackServiceTests(FeedbackServiceFixture service) : IClassFixture<FeedbackServiceFixture>
{
    private readonly FeedbackService.FeedbackServiceClient _client = service.Client;

    private static Comparison NewComparison(string user, string? clientId = null, double preference = 1) => new()
    {
        UserId = user,
        ClientId = clientId ?? "",
        Prompt = "How do I boil an egg?",
        ResponseA = "Place the egg in boiling water for nine minutes.",
        ResponseB = "Eggs are great!",
        Preference = preference,
    };

    private static string User() => "user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task RecordComparison_valid_storesItAndPublishesItsEvent()
    {
        var user = User();
        var before = await _client.GetStatsAsync(new GetStatsRequest());

        var reply = await _client.RecordComparisonAsync(new RecordComparisonRequest { Comparison = NewComparison(user) });

        Assert.False(reply.Duplicate);
        var id = Guid.Parse(reply.ComparisonId);
        var after = await _client.GetStatsAsync(new GetStatsRequest());
        Assert.Equal(before.Comparisons + 1, after.Comparisons);
        Assert.True(await service.Bus.EventuallyPublished<FeedbackRecorded>(
            m => m.Message.ComparisonId == id && m.MessageId == id && m.Message.UserId == user));
        var listed = await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = user });
        var stored = Assert.Single(listed.Comparisons);
        Assert.Equal(reply.ComparisonId, stored.ComparisonId);
        Assert.Equal(1.0, stored.Preference);
    }

    [Fact]
    public async Task RecordComparison_sameClientIdTwice_storedOnce()
    {
        var user = User();
        var request = new RecordComparisonRequest { Comparison = NewComparison(user, clientId: "retry-1") };

        var first = await _client.RecordComparisonAsync(request);
        var second = await _client.RecordComparisonAsync(request);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.ComparisonId, second.ComparisonId);
        var listed = await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = user });
        Assert.Single(listed.Comparisons);
        Assert.True(await service.Bus.EventuallyPublished<FeedbackRecorded>(m => m.Message.UserId == user));
        var published = service.Bus.Published.Select<FeedbackRecorded>(TestContext.Current.CancellationToken)
            .Count(m => m.Context.Message.UserId == user);
        Assert.Equal(1, published);
    }

    public static TheoryData<string, Action<Comparison>> BadFields => new()
    {
        { "comparison.user_id", c => c.UserId = "" },
        { "comparison.user_id", c => c.UserId = "bad\u0001id" },
        { "comparison.user_id", c => c.UserId = new string('u', 129) },
        { "comparison.client_id", c => c.ClientId = new string('c', 129) },
        { "comparison.prompt", c => c.Prompt = " " },
        { "comparison.response_a", c => c.ResponseA = "" },
        { "comparison.response_b", c => c.ResponseB = c.ResponseA },
        { "comparison.preference", c => c.Preference = 1.5 },
        { "comparison.preference", c => c.Preference = double.NaN },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task RecordComparison_badField_invalidArgumentNamingItAndNothingStored(string field, Action<Comparison> spoil)
    {
        var user = User();
        var comparison = NewComparison(user);
        spoil(comparison);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.RecordComparisonAsync(new RecordComparisonRequest { Comparison = comparison }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail, StringComparison.Ordinal);
        var listed = await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = user.Length <= 128 ? user : "" });
        Assert.DoesNotContain(listed.Comparisons, c => c.UserId == comparison.UserId);
    }

    [Fact]
    public async Task RecordComparison_missingComparison_invalidArgument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.RecordComparisonAsync(new RecordComparisonRequest()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("comparison:", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordComparison_promptOver32KiB_resourceExhausted()
    {
        var comparison = NewComparison(User());
        comparison.Prompt = new string('é', 20_000); // 40,000 UTF-8 bytes

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.RecordComparisonAsync(new RecordComparisonRequest { Comparison = comparison }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("comparison.prompt", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordComparisons_stream_storesEveryMessageAndCountsDuplicates()
    {
        var user = User();
        using var call = _client.RecordComparisons();
        for (var i = 0; i < 300; i++)
        {
            await call.RequestStream.WriteAsync(new RecordComparisonRequest { Comparison = NewComparison(user, clientId: $"c{i % 290}") }, TestContext.Current.CancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal(290, reply.Stored);
        Assert.Equal(10, reply.Duplicates);
        var listed = await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = user, PageSize = 1000 });
        Assert.Equal(290, listed.Comparisons.Count);
    }

    [Fact]
    public async Task RecordComparisons_badMessage_namesItsIndexAndKeepsEarlierOnes()
    {
        var user = User();
        using var call = _client.RecordComparisons();
        await call.RequestStream.WriteAsync(new RecordComparisonRequest { Comparison = NewComparison(user) }, TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new RecordComparisonRequest { Comparison = NewComparison(user) }, TestContext.Current.CancellationToken);
        var bad = NewComparison(user, preference: -1);
        await call.RequestStream.WriteAsync(new RecordComparisonRequest { Comparison = bad }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("comparisons[2].comparison.preference:", e.Status.Detail, StringComparison.Ordinal);
        var listed = await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = user });
        Assert.Equal(2, listed.Comparisons.Count);
    }

    [Fact]
    public async Task ListComparisons_pages_coverEveryComparisonOnceNewestFirst()
    {
        var user = User();
        for (var i = 0; i < 7; i++)
        {
            await _client.RecordComparisonAsync(new RecordComparisonRequest { Comparison = NewComparison(user, preference: i / 10.0) });
        }

        var seen = new List<Comparison>();
        var token = "";
        do
        {
            var page = await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = user, PageSize = 3, PageToken = token });
            Assert.True(page.Comparisons.Count <= 3);
            seen.AddRange(page.Comparisons);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0], seen.Select(c => c.Preference));
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(1001, "", "page_size")]
    [InlineData(10, "not-a-token", "page_token")]
    public async Task ListComparisons_badPaging_invalidArgumentNamingField(int pageSize, string token, string field)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.ListComparisonsAsync(new ListComparisonsRequest { PageSize = pageSize, PageToken = token }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EraseUser_withComparisons_deletesOnlyThatUsersAndQueuesEvent()
    {
        var (user, other) = (User(), User());
        await _client.RecordComparisonAsync(new RecordComparisonRequest { Comparison = NewComparison(user) });
        await _client.RecordComparisonAsync(new RecordComparisonRequest { Comparison = NewComparison(user, preference: 0) });
        await _client.RecordComparisonAsync(new RecordComparisonRequest { Comparison = NewComparison(other) });

        var reply = await _client.EraseUserAsync(new EraseUserRequest { UserId = user });

        Assert.Equal(2, reply.Erased);
        Assert.Empty((await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = user })).Comparisons);
        Assert.Single((await _client.ListComparisonsAsync(new ListComparisonsRequest { UserId = other })).Comparisons);
        Assert.True(await service.Bus.EventuallyPublished<UserErased>(m => m.Message.UserId == user));
    }

    [Fact]
    public async Task EraseUser_emptyUserId_invalidArgument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.EraseUserAsync(new EraseUserRequest()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("user_id:", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reflection_lists_feedbackServiceWithHealthAndReflection()
    {
        using var call = new ServerReflection.ServerReflectionClient(service.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("attune.v1.FeedbackService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
