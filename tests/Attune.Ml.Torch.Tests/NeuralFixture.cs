using Attune.Ml.Data;
using Attune.Ml.Models;
using Attune.Ml.Training;

namespace Attune.Ml.Torch.Tests;

/// <summary>One nonlinear world and its linear PReF solution (the neural trainer's start), shared by the tests of a class.</summary>
public sealed class NeuralFixture
{
    public const int Seed = 17;

    public NeuralFixture()
    {
        Data = NonlinearWorld.Create(users: 40, dimension: 8, responses: 400, pairs: 800, comparisons: 4000, seed: Seed);
        Linear = new PrefTrainer(new PrefTrainingOptions { Seed = Seed, Rank = 2, ComputeClusters = false, Featurizer = "test-dense D=8" })
            .Train(Data).Model;
    }

    public ComparisonSet Data { get; }

    public PrefModel Linear { get; }
}
