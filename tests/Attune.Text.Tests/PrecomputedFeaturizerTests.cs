namespace Attune.Text.Tests;

public sealed class PrecomputedFeaturizerTests
{
    private static readonly Dictionary<string, float[]> ByResponse = new() { ["yes"] = [1f, 0f], ["no"] = [0f, 1f] };

    [Fact]
    public void Featurize_knownResponse_returnsItsVectorWhateverThePrompt()
    {
        var featurizer = new PrecomputedFeaturizer(2, ByResponse, source: "test");

        Assert.Equal([0f, 1f], featurizer.Featurize(new TextPair("any prompt", "no")).ToDense());
        Assert.Equal("precomputed:dim=2:source=test", featurizer.Description);
    }

    [Fact]
    public void FeaturizeById_knownId_returnsItsVector()
    {
        var featurizer = new PrecomputedFeaturizer(2, ByResponse, new Dictionary<string, float[]> { ["r7"] = [3f, 4f] });

        Assert.Equal([3f, 4f], featurizer.FeaturizeById("r7").ToDense());
        Assert.Throws<KeyNotFoundException>(() => featurizer.FeaturizeById("r8"));
    }

    [Fact]
    public void Featurize_unknownResponse_throwsKeyNotFound()
    {
        var featurizer = new PrecomputedFeaturizer(2, ByResponse);

        Assert.Throws<KeyNotFoundException>(() => featurizer.Featurize(new TextPair("", "maybe")));
    }

    [Fact]
    public void Constructor_vectorOfWrongLength_throwsNamingTable()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new PrecomputedFeaturizer(3, ByResponse));

        Assert.Equal("byResponse", e.ParamName);
    }
}
