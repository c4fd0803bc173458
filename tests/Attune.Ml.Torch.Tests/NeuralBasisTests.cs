using Attune.Ml.Models;
using Attune.Ml.Torch.Modules;
using Attune.Ml.Torch.Training;
using Attune.Ml.Users;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Tests;

public sealed class NeuralBasisTests
{
    [Theory]
    [InlineData(4, 16, 8, 1)]
    [InlineData(8, 384, 64, 2)]
    public void Forward_randomWeights_equalsAttuneMlTensorPrimitives(int rank, int dimension, int hidden, int seed)
    {
        TorchDevice.Select(TorchDevicePreference.Cpu, 1);
        var random = new Random(seed);
        float[] v = Random(random, rank * dimension, 1.0 / Math.Sqrt(dimension));
        float[] h = Random(random, hidden * dimension, 1.0 / Math.Sqrt(dimension));
        float[] b = Random(random, hidden, 0.5);
        float[] u = Random(random, rank * hidden, 1.0);
        const int n = 10;
        float[] e = Random(random, n * dimension, 1.0);
        var model = new PrefModel("neural", rank, dimension, v, ["a"], new float[rank], GaussianPrior.FromUserWeights(new float[rank], rank),
            "test", residual: new ResidualBasis(rank, dimension, hidden, h, b, u));
        using var basis = new NeuralBasis(rank, dimension, hidden, v, h, b, u, ScalarType.Float32, CPU);

        using Tensor input = tensor(e, [n, dimension]);
        using Tensor output = basis.forward(input);
        float[] torchPhi = output.data<float>().ToArray();

        var phi = new float[rank];
        for (int i = 0; i < n; i++)
        {
            model.RewardFeatures(e.AsSpan(i * dimension, dimension), phi);
            for (int j = 0; j < rank; j++)
            {
                // Both are float32 with different summation orders: 1e-5 relative to the row's scale.
                Assert.True(Math.Abs(phi[j] - torchPhi[i * rank + j]) <= 1e-5 * (1 + Math.Abs(phi[j])) * Math.Sqrt(dimension / 16.0),
                    $"phi[{i}, {j}]: Attune.Ml {phi[j]} vs TorchSharp {torchPhi[i * rank + j]}");
            }
        }
    }

    private static float[] Random(Random random, int count, double scale)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * scale * Math.Sqrt(3));
        }

        return values;
    }
}
