using Attune.Data;
using Attune.Data.Dsp;
using Attune.Data.Hh;
using Attune.Testing;

namespace Attune.Text.Tests.Data;

/// <summary>dsp and hh read /work/shared/data at run time (found by <see cref="SharedDataLocator"/>); skipped locally, failing under CI, when absent.</summary>
public sealed class SharedDataTests
{
    private static string RequireData(string relativePath)
    {
        var root = SharedDataLocator.Find();
        Requires.That(
            root is not null && File.Exists(Path.Combine(root, relativePath)),
            $"shared data file {relativePath} (set {SharedDataLocator.EnvironmentVariable} or run below a folder holding shared/data)");
        return root!;
    }

    [Fact]
    public void DspLoad_defaults_hasDocumentedShape()
    {
        var root = RequireData(DspDataset.RelativePath);

        var dsp = DspDataset.Load(new DspOptions(dataRoot: root));

        Assert.Equal(461, dsp.Prompts.Count);
        Assert.Equal(100, dsp.Users.Count);
        Assert.Equal(100 * 100, dsp.Comparisons.Count);
        Assert.All(dsp.Prompts, p => Assert.InRange(p.Responses.Count, 1, 5));
        Assert.StartsWith("hashing:v1", dsp.RecommendedFeaturizer.Description);
        Assert.InRange(dsp.OracleAccuracy()!.Value, 0.6, 0.95);
    }

    [Fact]
    public void DspLoad_sameSeed_isIdentical_otherSeedDiffers()
    {
        var root = RequireData(DspDataset.RelativePath);

        var a = DspDataset.Load(new DspOptions(seed: 2, users: 10, comparisonsPerUser: 20, dataRoot: root));
        var b = DspDataset.Load(new DspOptions(seed: 2, users: 10, comparisonsPerUser: 20, dataRoot: root));
        var c = DspDataset.Load(new DspOptions(seed: 3, users: 10, comparisonsPerUser: 20, dataRoot: root));

        Assert.Equal(a.Comparisons, b.Comparisons);
        Assert.NotEqual(a.Comparisons, c.Comparisons);
    }

    [Fact]
    public void DspGroundTruth_userReward_isHighestOnTheirHeaviestSource()
    {
        var root = RequireData(DspDataset.RelativePath);
        var dsp = DspDataset.Load(new DspOptions(users: 5, comparisonsPerUser: 5, dataRoot: root));
        var truth = Assert.IsType<SourceMixtureGroundTruth>(dsp.GroundTruth);
        var user = dsp.Users[0];
        var mixture = truth.Mixture(user);
        var favourite = Enumerable.Range(0, 5).MaxBy(s => mixture[s]);
        var prompt = dsp.Prompts.First(p => p.Responses.Count == 5);

        var best = prompt.Responses.MaxBy(r => truth.Reward(user, prompt.Prompt, r))!;

        Assert.Equal(1.0, mixture.Sum(), 9);
        Assert.Contains(favourite, truth.SourcesOf(prompt.Prompt, best));
        Assert.Equal(truth.RewardScale * mixture[favourite], truth.Reward(user, prompt.Prompt, best), 9);
    }

    [Fact]
    public void HhLoad_defaults_hasTwoUsersAndNoSharedPairs()
    {
        var root = RequireData(HhDataset.RelativePath);

        var hh = HhDataset.Load(new HhOptions(dataRoot: root));

        Assert.Equal(["helpful", "harmless"], hh.Users);
        Assert.Equal(2999, hh.Comparisons.Count);
        Assert.Null(hh.GroundTruth);
        Assert.Null(hh.OracleAccuracy());
        Assert.All(hh.Comparisons, c => Assert.Contains(c.Preference, new[] { 0.0, 1.0 }));
        var pairUsers = hh.Comparisons.GroupBy(c => (c.Prompt, c.ResponseA, c.ResponseB)).Select(g => g.Select(c => c.UserId).Distinct().Count());
        Assert.All(pairUsers, n => Assert.Equal(1, n));
    }

    [Fact]
    public void HhLoad_sameSeedAndCap_isIdentical()
    {
        var root = RequireData(HhDataset.RelativePath);

        var a = HhDataset.Load(new HhOptions(seed: 4, maxComparisons: 100, dataRoot: root));
        var b = HhDataset.Load(new HhOptions(seed: 4, maxComparisons: 100, dataRoot: root));

        Assert.Equal(100, a.Comparisons.Count);
        Assert.Equal(a.Comparisons, b.Comparisons);
    }

    [Fact]
    public void CatalogLoad_dspWithoutDataFolder_throwsDirectoryNotFound()
    {
        var missing = Path.Combine(Path.GetTempPath(), "attune-no-such-folder");

        Assert.Throws<DirectoryNotFoundException>(() => DatasetCatalog.Load("dsp", new DatasetOptions { DataRoot = missing }));
    }
}
