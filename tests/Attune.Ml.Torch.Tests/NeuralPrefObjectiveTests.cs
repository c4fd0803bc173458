using Attune.Ml.Torch.Modules;
using Attune.Ml.Torch.Objectives;
using Attune.Ml.Torch.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Tests;

public sealed class NeuralPrefObjectiveTests
{
    private const int Rank = 2, Dimension = 4, Hidden = 3, Users = 3, Comparisons = 7;

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.7, 1.3)]
    public void Gradient_float64_matchesCentralFiniteDifferences(double lambdaW, double lambdaTheta)
    {
        TorchDevice.Select(TorchDevicePreference.Cpu, 1);
        var random = new Random(5);
        using var basis = new NeuralBasis(Rank, Dimension, Hidden, Draw(random, Rank * Dimension), Draw(random, Hidden * Dimension),
            Draw(random, Hidden), Draw(random, Rank * Hidden), ScalarType.Float64, CPU);
        using var network = new NeuralPrefNetwork(basis, Users, Draw(random, Users * Rank), ScalarType.Float64, CPU);
        using Tensor first = tensor(Draw(random, Comparisons * Dimension), [Comparisons, Dimension]).to(ScalarType.Float64);
        using Tensor second = tensor(Draw(random, Comparisons * Dimension), [Comparisons, Dimension]).to(ScalarType.Float64);
        using Tensor users = tensor(new long[] { 0, 1, 2, 0, 1, 2, 1 });
        using Tensor y = tensor(new double[] { 1, 0, 0.5, 1, 0.25, 0, 1 });
        using Tensor c = tensor(new double[] { 1, 2, 1, 0.5, 1, 1, 3 });
        var objective = new NeuralPrefObjective(lambdaW, lambdaTheta, trainCount: 20);
        double Loss()
        {
            using var scope = NewDisposeScope();
            return objective.Loss(network, network.forward(first, second, users), y, c).ToDouble();
        }

        using (var scope = NewDisposeScope())
        {
            objective.Loss(network, network.forward(first, second, users), y, c).backward();
        }

        // Central differences in float64 with h = 1e-6: truncation ~h^2, rounding ~1e-16/h, so ~1e-9 absolute.
        const double step = 1e-6;
        foreach (Parameter parameter in network.parameters())
        {
            double[] analytic = parameter.grad!.data<double>().ToArray();
            using Tensor flat = parameter.detach().view(-1);
            for (int i = 0; i < analytic.Length; i++)
            {
                double original = flat[i].ToDouble();
                using (no_grad())
                {
                    flat[i] = original + step;
                }

                double plus = Loss();
                using (no_grad())
                {
                    flat[i] = original - step;
                }

                double minus = Loss();
                using (no_grad())
                {
                    flat[i] = original;
                }

                double numeric = (plus - minus) / (2 * step);
                Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-7 + 1e-6 * Math.Abs(numeric),
                    $"{parameter.name}[{i}]: autograd {analytic[i]} vs finite difference {numeric}");
            }
        }
    }

    [Fact]
    public void Constructor_negativeStrength_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeuralPrefObjective(-1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeuralPrefObjective(0, double.NaN, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeuralPrefObjective(0, 0, 0));
    }

    private static float[] Draw(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
