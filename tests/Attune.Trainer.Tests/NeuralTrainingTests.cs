using Attune.Contracts.V1;
using Attune.Ml.Serialization;
using Attune.Text.Hashing;
using Grpc.Core;

namespace Attune.Trainer.Tests;

public sealed class NeuralTrainingTests(NeuralTrainerFixture trainer) : IClassFixture<NeuralTrainerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Contracts.V1.TrainingJob> TrainAsync(int seed)
    {
        var start = await trainer.Client.StartTrainingAsync(new StartTrainingRequest { Seed = seed, Reason = "neural" }, cancellationToken: Ct);
        using var call = trainer.Client.WatchTrainingJob(new WatchTrainingJobRequest { JobId = start.JobId },
            new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromSeconds(180)));
        Contracts.V1.TrainingJob? last = null;
        await foreach (var reply in call.ResponseStream.ReadAllAsync(Ct))
        {
            last = reply.Job;
        }

        return last!;
    }

    [Fact]
    public async Task StartTraining_learnerNeural_publishedModelCarriesTheMlpAndRecordsLearnerAndFeaturizer()
    {
        var job = await TrainAsync(seed: 3);

        Assert.True(job.State == TrainingState.Succeeded, $"job ended {job.State}: {job.Error}");
        using var download = trainer.Client.DownloadModel(new DownloadModelRequest { Version = job.ModelVersion }, cancellationToken: Ct);
        var bytes = new List<byte>();
        await foreach (var chunk in download.ResponseStream.ReadAllAsync(Ct))
        {
            bytes.AddRange(chunk.Chunk.ToByteArray());
        }

        var model = ModelFile.Read(new MemoryStream([.. bytes]));
        Assert.NotNull(model.Residual);
        Assert.Equal("pref-neural", model.Method);
        Assert.Equal("neural", model.Settings["learner"]);
        Assert.Equal(new HashingFeaturizer().Description, model.Settings["featurizer"]);
        Assert.Equal(new HashingFeaturizer().Description, model.Featurizer);
        Assert.Empty(model.UserIds);
    }

    [Fact]
    public async Task StartTraining_learnerNeuralTwice_gateScoresTheCandidateAgainstTheModelInForce()
    {
        var first = await TrainAsync(seed: 4);
        var second = await TrainAsync(seed: 5);

        Assert.Equal(TrainingState.Succeeded, first.State);
        Assert.Equal(TrainingState.Succeeded, second.State);
        var details = await trainer.Client.GetModelAsync(new GetModelRequest { Version = second.ModelVersion }, cancellationToken: Ct);
        Assert.NotNull(details.Summary.Gate);
        Assert.True(details.Summary.Gate.Users > 0, details.Summary.StateReason);
        Assert.InRange(details.Summary.Gate.CandidateMacroAuc, 0.5, 1.0);
    }
}
