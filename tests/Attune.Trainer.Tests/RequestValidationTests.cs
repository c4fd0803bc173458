using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Trainer.Tests;

public sealed class RequestValidationTests(EmptyTrainerFixture trainer) : IClassFixture<EmptyTrainerFixture>
{
    public static TheoryData<string, Action<StartTrainingRequest>> BadStartFields => new()
    {
        { "k", r => r.K = -1 },
        { "k", r => r.K = 65 },
        { "l2", r => r.L2 = -0.5 },
        { "l2", r => r.L2 = double.NaN },
        { "l2", r => r.L2 = double.PositiveInfinity },
        { "seed", r => r.Seed = 1L << 40 },
        { "reason", r => r.Reason = "bad\u0001reason" },
    };

    [Theory]
    [MemberData(nameof(BadStartFields))]
    public async Task StartTraining_badField_invalidArgumentNamingIt(string field, Action<StartTrainingRequest> spoil)
    {
        var request = new StartTrainingRequest();
        spoil(request);

        var e = await Assert.ThrowsAsync<RpcException>(() => trainer.Client.StartTrainingAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTraining_tooLittleFeedback_failedPreconditionSayingHowMuchIsNeeded()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => trainer.Client.StartTrainingAsync(new StartTrainingRequest()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("at least 100", e.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-job")]
    [InlineData("0190A7E2-5C4B-7C2D-8E3F-123456789ABC")]
    public async Task GetTrainingJob_badJobId_invalidArgumentNamingJobId(string jobId)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            trainer.Client.GetTrainingJobAsync(new GetTrainingJobRequest { JobId = jobId }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("job_id:", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrainingJob_unknownJob_notFound()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            trainer.Client.GetTrainingJobAsync(new GetTrainingJobRequest { JobId = Guid.CreateVersion7().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task WatchTrainingJob_unknownJob_notFound()
    {
        using var call = trainer.Client.WatchTrainingJob(new WatchTrainingJobRequest { JobId = Guid.CreateVersion7().ToString() });

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task GetModel_noModelYet_notFound()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => trainer.Client.GetModelAsync(new GetModelRequest()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        Assert.Empty((await trainer.Client.ListModelsAsync(new ListModelsRequest())).Models);
    }

    [Fact]
    public async Task DownloadModel_unknownVersion_notFound()
    {
        using var call = trainer.Client.DownloadModel(new DownloadModelRequest { Version = 42 });

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Theory]
    [InlineData(-1, "version")]
    public async Task GetModel_negativeVersion_invalidArgumentNamingVersion(long version, string field)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => trainer.Client.GetModelAsync(new GetModelRequest { Version = version }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith(field + ":", e.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task ListModels_badPageSize_invalidArgumentNamingPageSize(int pageSize)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => trainer.Client.ListModelsAsync(new ListModelsRequest { PageSize = pageSize }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("page_size:", e.Status.Detail, StringComparison.Ordinal);
    }
}
