using Attune.Ml.Models;
using Attune.Ml.Serialization;
using Attune.Ml.Torch.Data;
using Attune.Ml.Torch.Modules;
using Attune.Ml.Torch.Training;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Tests;

public sealed class NeuralPrefTrainerTests(NeuralFixture fixture) : IClassFixture<NeuralFixture>
{
    private static NeuralTrainingOptions Options(int maxEpochs = 40) => new()
    {
        Seed = NeuralFixture.Seed, Hidden = 16, BatchSize = 64, LearningRate = 3e-3, MaxEpochs = maxEpochs, Patience = 4,
        Device = TorchDevicePreference.Cpu, Threads = 1,
    };

    [Fact]
    public void FromLinear_zeroU_noSteps_reproducesLinearMargins()
    {
        TorchDevice.Select(TorchDevicePreference.Cpu, 1);
        manual_seed(3);
        using NeuralPrefNetwork network = NeuralPrefNetwork.FromLinear(fixture.Linear, 16, 1.0, ScalarType.Float32, CPU);
        using var tensors = new ComparisonTensors(fixture.Data, ScalarType.Float32, CPU);
        var expected = new float[fixture.Data.Count];

        fixture.Linear.PredictMargins(fixture.Data, expected);
        using Tensor margins = tensors.Margins(network);

        AssertClose(expected, margins.data<float>().ToArray(), 1e-4);
    }

    [Fact]
    public void Train_zeroEpochs_returnsModelScoringAsTheLinearStart()
    {
        NeuralTrainingResult result = new NeuralPrefTrainer(Options(maxEpochs: 0)).Train(fixture.Data, fixture.Linear);
        var expected = new float[fixture.Data.Count];
        var actual = new float[fixture.Data.Count];

        fixture.Linear.PredictMargins(fixture.Data, expected);
        result.Model.PredictMargins(fixture.Data, actual);

        Assert.Equal(0, result.BestEpoch);
        Assert.Equal(result.InitialValidationLoss, result.ValidationLoss);
        Assert.All(result.Model.Residual!.U.ToArray(), u => Assert.Equal(0f, u));
        AssertClose(expected, actual, 1e-4);
    }

    [Fact]
    public void Train_nonlinearWorld_lowersValidationLossBelowLinearStart()
    {
        NeuralTrainingResult result = new NeuralPrefTrainer(Options()).Train(fixture.Data, fixture.Linear);

        // The linear start cannot express (g . e)^2; the residual MLP can, so held-out loss must fall clearly.
        Assert.True(result.BestEpoch > 0, "no epoch beat the linear start");
        Assert.True(result.ValidationLoss < result.InitialValidationLoss - 0.02,
            $"validation loss {result.ValidationLoss:F4} vs linear start {result.InitialValidationLoss:F4}");
        Assert.Equal("cpu", result.Device);
        Assert.Equal("pref-neural", result.Model.Method);
    }

    [Fact]
    public void Train_sameSeedOnCpu_isDeterministic()
    {
        NeuralTrainingResult first = new NeuralPrefTrainer(Options(maxEpochs: 3)).Train(fixture.Data, fixture.Linear);
        NeuralTrainingResult second = new NeuralPrefTrainer(Options(maxEpochs: 3)).Train(fixture.Data, fixture.Linear);

        Assert.Equal(first.Model.V.ToArray(), second.Model.V.ToArray());
        Assert.Equal(first.Model.UserWeights.ToArray(), second.Model.UserWeights.ToArray());
        Assert.Equal(first.Model.Residual!.H.ToArray(), second.Model.Residual!.H.ToArray());
        Assert.Equal(first.Model.Residual.U.ToArray(), second.Model.Residual.U.ToArray());
        Assert.Equal(first.ValidationLoss, second.ValidationLoss);
    }

    [Fact]
    public void ModelFile_trainedNeuralModel_roundTripsAndScoresAlike()
    {
        PrefModel model = new NeuralPrefTrainer(Options(maxEpochs: 2)).Train(fixture.Data, fixture.Linear).Model;
        using var stream = new MemoryStream();

        ModelFile.Write(stream, model);
        stream.Position = 0;
        PrefModel read = ModelFile.Read(stream);

        var expected = new float[fixture.Data.Count];
        var actual = new float[fixture.Data.Count];
        model.PredictMargins(fixture.Data, expected);
        read.PredictMargins(fixture.Data, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(model.Residual!.Hidden, read.Residual!.Hidden);
        Assert.NotEqual(0f, System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(read.Residual.U));
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"margin {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
