using System.Security.Cryptography;
using Attune.Contracts.Messages;
using Attune.Contracts.V1;
using Attune.Ml.Serialization;
using Grpc.Core;
using Attune.Storage;
using Attune.Trainer.Models;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Trainer.Tests;

public sealed class TrainingTests(TrainedTrainerFixture trainer) : IClassFixture<TrainedTrainerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<Contracts.V1.TrainingJob>> WatchToEnd(string jobId)
    {
        using var call = trainer.Client.WatchTrainingJob(new WatchTrainingJobRequest { JobId = jobId },
            new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(120)));
        var updates = new List<Contracts.V1.TrainingJob>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync(Ct))
        {
            updates.Add(reply.Job);
        }

        return updates;
    }

    [Fact]
    public async Task StartTraining_enoughFeedback_jobSucceedsAndModelIsListedDownloadableAndAnnouncedAfterStoring()
    {
        var start = await trainer.Client.StartTrainingAsync(new StartTrainingRequest { Seed = 7, Reason = "first model" });

        var updates = await WatchToEnd(start.JobId);

        var last = updates[^1];
        Assert.True(last.State == TrainingState.Succeeded, $"job ended {last.State}: {last.Error}");
        Assert.True(updates.Count >= 2, "expected progress updates before the end");
        Assert.All(updates.Zip(updates.Skip(1)), p => Assert.True(p.Second.Progress >= p.First.Progress));
        Assert.Contains(updates, u => u.State == TrainingState.Running);
        Assert.Equal(1.0, last.Progress);
        Assert.Equal("done", last.Phase);
        Assert.Equal("first model", last.Reason);
        Assert.True(last.ValidationLoss > 0);
        var version = last.ModelVersion;
        Assert.True(version > 0);

        var job = (await trainer.Client.GetTrainingJobAsync(new GetTrainingJobRequest { JobId = start.JobId })).Job;
        Assert.Equal(TrainingState.Succeeded, job.State);
        Assert.Equal(version, job.ModelVersion);
        Assert.NotNull(job.FinishedAt);

        var listed = (await trainer.Client.ListModelsAsync(new ListModelsRequest())).Models;
        var summary = Assert.Single(listed, m => m.Version == version);
        // The first model of this trainer goes in force; if another test of the class trained first, the gate judged
        // this one against it (on the same feedback: nothing new to learn).
        Assert.True(summary.Active || (summary.State == Contracts.V1.ModelState.Rejected && !summary.Gate.Passed), $"{summary.State}: {summary.StateReason}");
        Assert.Equal(Contracts.V1.ModelState.Active, (await trainer.Client.GetModelAsync(new GetModelRequest())).Summary.State);
        Assert.InRange(summary.K, 1, 3);
        Assert.Equal(12, summary.Users);

        using var download = trainer.Client.DownloadModel(new DownloadModelRequest { Version = version });
        var chunks = new List<DownloadModelReply>();
        await foreach (var chunk in download.ResponseStream.ReadAllAsync(Ct))
        {
            chunks.Add(chunk);
        }

        var bytes = chunks.SelectMany(c => c.Chunk.ToByteArray()).ToArray();
        Assert.All(chunks, c => Assert.InRange(c.Chunk.Length, 1, ModelChunks.MaxChunkBytes));
        Assert.All(chunks, c => Assert.Equal(version, c.Version));
        Assert.Equal(chunks[0].Size, bytes.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), chunks[^1].Sha256);
        Assert.All(chunks.SkipLast(1), c => Assert.Empty(c.Sha256));
        var model = ModelFile.Read(new MemoryStream(bytes));
        Assert.Equal(summary.K, model.Rank);
        Assert.Empty(model.UserIds); // published without the training users' weights, which an erasure could not remove

        var details = await trainer.Client.GetModelAsync(new GetModelRequest { Version = version });
        Assert.Equal(summary, details.Summary);
        Assert.StartsWith("hashing:v1", details.Featurizer, StringComparison.Ordinal);
        Assert.NotEmpty(details.Spectrum);
        Assert.Equal(summary.K, details.PriorMean.Count);
        Assert.Equal(summary.K * summary.K, details.PriorCovariance.Count);
        Assert.InRange(details.Metrics.ValidationAuc, 0.55, 1.0);
        Assert.True(details.Metrics.Iterations > 0);
        Assert.All(details.Clusters, c => Assert.Equal(summary.K, c.Centroid.Count));
        Assert.InRange(details.Clusters.Sum(c => c.Size), 0, summary.Users);

        Assert.True(await trainer.Bus.EventuallyPublished<ModelTrained>(m =>
            m.Message.ModelVersion == version && m.Message.JobId == start.JobId && m.MessageId == ModelAnnouncer.MessageId(version)));
        var probe = trainer.Services.GetRequiredService<ModelTrainedProbe.Log>();
        Assert.True(await HarnessExtensions.Eventually(() => probe.StoredWhenAnnounced.ContainsKey(version)));
        Assert.True(probe.StoredWhenAnnounced[version], "ModelTrained arrived before the model was stored");
    }

    [Fact]
    public async Task StartTraining_whileAJobRuns_abortedNamingTheRunningJob()
    {
        var first = await trainer.Client.StartTrainingAsync(new StartTrainingRequest { K = 2, Seed = 1 });

        var e = await Assert.ThrowsAsync<RpcException>(() => trainer.Client.StartTrainingAsync(new StartTrainingRequest { K = 2 }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, e.StatusCode);
        Assert.Contains(first.JobId, e.Status.Detail, StringComparison.Ordinal);
        var last = (await WatchToEnd(first.JobId))[^1];
        Assert.True(last.State == TrainingState.Succeeded, $"job ended {last.State}: {last.Error}");
        var model = await trainer.Client.GetModelAsync(new GetModelRequest { Version = last.ModelVersion });
        Assert.Equal(2, model.Summary.K);
    }

    [Fact]
    public async Task TrainModel_deliveredTwice_startsOneJob()
    {
        var command = new TrainModel { RequestId = Guid.NewGuid(), K = 1, Seed = 3, Reason = "operator " + Guid.NewGuid().ToString("N")[..6] };
        var jobs = trainer.Services.GetRequiredService<ITrainingJobStore>();

        await trainer.Bus.Bus.Publish(command, Ct);
        await trainer.Bus.Bus.Publish(command, Ct);

        Assert.True(await trainer.Bus.EventuallyConsumed<TrainModel>(m => m.Message.RequestId == command.RequestId, count: 2, TimeSpan.FromSeconds(120)));
        Assert.True(await HarnessExtensions.EventuallyAsync(async () =>
            (await jobs.ListAsync(100, cancellationToken: Ct)).Any(j => j.Reason == command.Reason && j.IsTerminal), TimeSpan.FromSeconds(120)));
        var job = Assert.Single(await jobs.ListAsync(100, cancellationToken: Ct), j => j.Reason == command.Reason);
        Assert.Equal(TrainingJobState.Succeeded, job.State);
    }

    [Fact]
    public async Task StartTraining_kBeyondWhatTheDataAllow_jobFailsSayingWhyAndPublishesNothing()
    {
        var before = (await trainer.Client.ListModelsAsync(new ListModelsRequest { PageSize = 100 })).Models.Count;
        var start = await trainer.Client.StartTrainingAsync(new StartTrainingRequest { K = 64 });

        var last = (await WatchToEnd(start.JobId))[^1];

        Assert.Equal(TrainingState.Failed, last.State);
        Assert.Contains("K = 64", last.Error, StringComparison.Ordinal);
        Assert.Equal(0, last.ModelVersion);
        Assert.Equal(before, (await trainer.Client.ListModelsAsync(new ListModelsRequest { PageSize = 100 })).Models.Count);
        Assert.DoesNotContain(trainer.Bus.Published.Select<ModelTrained>(Ct), m => m.Context.Message.JobId == start.JobId);
    }
}
