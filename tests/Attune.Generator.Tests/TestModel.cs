using Attune.Data.Styles;
using Attune.Evaluation.Data;
using Attune.Ml.Serialization;
using Attune.Ml.Training;
using Attune.Text.Hashing;

namespace Attune.Generator.Tests;

/// <summary>
/// The model the in-process adapter serves, trained once per test run as Attune.Adapter.Tests trains its version 1:
/// PReF on a small styles world with the default hashing featurizer.
/// </summary>
public static class TestModel
{
    private static readonly Lazy<byte[]> Trained = new(Train);

    /// <summary>The model file.</summary>
    public static byte[] File => Trained.Value;

    private static byte[] Train()
    {
        var world = StylesWorld.Generate(new StylesOptions(seed: 1, prompts: 24, pairsPerPrompt: 20, comparisonsPerUser: 60));
        var featurizer = new HashingFeaturizer();
        var set = FeaturizedDataset.Build(world, featurizer).ToComparisonSet();
        var options = new PrefTrainingOptions { Rank = 6, Seed = 7, MaxOuterIterations = 8, Featurizer = featurizer.Description };
        using var stream = new MemoryStream();
        ModelFile.Write(stream, new PrefTrainer(options).Train(set).Model);
        return stream.ToArray();
    }
}
