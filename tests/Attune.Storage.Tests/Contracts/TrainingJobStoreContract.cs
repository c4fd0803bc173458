using Attune.Storage;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Contracts;

/// <summary>What every <see cref="ITrainingJobStore"/> must do.</summary>
public abstract class TrainingJobStoreContract(IStorageBackend backend) : StoreContract(backend)
{
    private async Task<ITrainingJobStore> NewStoreAsync(TimeProvider? time = null) =>
        await OpenAsync(await Backend.NewStorageAsync(), StorageFactory.CreateTrainingJobStore, time);

    private static TrainingJob Job(string id, TrainingJobState state = TrainingJobState.Queued, int minute = 0) =>
        new(id, state, 0, "loading", "manual", Sample.When.AddMinutes(minute));

    [Fact]
    public async Task CreateAsync_then_GetAsync_roundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var job = Job("j1") with { ParametersJson = """{"k":4}""", ValidationLoss = 0.7 };

        await store.CreateAsync(job, Ct);
        var read = await store.GetAsync("j1", Ct);

        Assert.NotNull(read);
        Assert.Equal((TrainingJobState.Queued, "loading", "manual", Sample.When, """{"k":4}""", 0.7),
            (read.State, read.Phase, read.Reason, read.CreatedAt, read.ParametersJson, read.ValidationLoss));
        Assert.Null(await store.GetAsync("nope", Ct));
    }

    [Fact]
    public async Task CreateAsync_existing_id_throws()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync(Job("j1"), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(Job("j1"), Ct));
    }

    [Fact]
    public async Task UpdateAsync_running_then_succeeded_setsTimestampsAndVersion()
    {
        var store = await NewStoreAsync();
        var job = await store.CreateAsync(Job("j1"), Ct);

        var running = await store.UpdateAsync(job with { State = TrainingJobState.Running, Progress = 0.5, Phase = "svd" }, Ct);
        var done = await store.UpdateAsync(job with { State = TrainingJobState.Succeeded, Progress = 1, Phase = "done", ModelVersion = 3 }, Ct);

        Assert.NotNull(running?.StartedAt);
        Assert.Null(running.FinishedAt);
        Assert.Equal((TrainingJobState.Succeeded, 1.0, 3L, running.StartedAt), (done!.State, done.Progress, done.ModelVersion, done.StartedAt));
        Assert.NotNull(done.FinishedAt);
    }

    [Fact]
    public async Task UpdateAsync_terminal_job_returnsNullAndKeepsIt()
    {
        var store = await NewStoreAsync();
        var job = await store.CreateAsync(Job("j1"), Ct);
        await store.UpdateAsync(job with { State = TrainingJobState.Failed, Error = "boom" }, Ct);

        var revived = await store.UpdateAsync(job with { State = TrainingJobState.Running }, Ct);

        Assert.Null(revived);
        Assert.Equal((TrainingJobState.Failed, "boom"), ((await store.GetAsync("j1", Ct))!.State, (await store.GetAsync("j1", Ct))!.Error));
        Assert.Null(await store.UpdateAsync(Job("missing"), Ct));
    }

    [Fact]
    public async Task FailInterruptedAsync_unfinished_jobs_areMarkedFailed()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync(Job("queued"), Ct);
        await store.CreateAsync(Job("running", TrainingJobState.Running), Ct);
        await store.CreateAsync(Job("done", TrainingJobState.Succeeded), Ct);

        var marked = await store.FailInterruptedAsync("trainer restarted", null, Ct);

        Assert.Equal(2, marked);
        var jobs = await store.ListAsync(10, null, Ct);
        Assert.Equal(
            [("done", TrainingJobState.Succeeded, null), ("queued", TrainingJobState.Failed, "trainer restarted"),
             ("running", TrainingJobState.Failed, "trainer restarted")],
            jobs.Select(j => (j.JobId, j.State, j.Error)).OrderBy(j => j.JobId));
    }

    [Fact]
    public async Task FailInterruptedAsync_with_staleness_leavesRecentlyUpdatedJobs()
    {
        var time = new ManualTimeProvider();
        var store = await NewStoreAsync(time);
        await store.CreateAsync(Job("stale", TrainingJobState.Running), Ct);
        time.Advance(TimeSpan.FromMinutes(10));
        await store.CreateAsync(Job("fresh", TrainingJobState.Running), Ct);

        var marked = await store.FailInterruptedAsync("lost heartbeat", TimeSpan.FromMinutes(5), Ct);

        Assert.Equal(1, marked);
        Assert.Equal(TrainingJobState.Failed, (await store.GetAsync("stale", Ct))!.State);
        Assert.Equal(TrainingJobState.Running, (await store.GetAsync("fresh", Ct))!.State);
    }

    [Fact]
    public async Task ListAsync_newest_first_with_state_filter()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync(Job("a", minute: 1), Ct);
        await store.CreateAsync(Job("b", TrainingJobState.Failed, minute: 2), Ct);
        await store.CreateAsync(Job("c", minute: 3), Ct);

        Assert.Equal(["c", "b", "a"], (await store.ListAsync(10, null, Ct)).Select(j => j.JobId));
        Assert.Equal(["c", "a"], (await store.ListAsync(10, TrainingJobState.Queued, Ct)).Select(j => j.JobId));
    }

    [Fact]
    public async Task CreateAsync_progress_out_of_range_throws()
    {
        var store = await NewStoreAsync();

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CreateAsync(Job("j") with { Progress = 2 }, Ct));

        Assert.Equal("progress", e.ParamName);
    }
}
