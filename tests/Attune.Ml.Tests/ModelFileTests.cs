using Attune.Ml.Clustering;
using Attune.Ml.Models;
using Attune.Ml.Serialization;
using Attune.Ml.Users;

namespace Attune.Ml.Tests;

public sealed class ModelFileTests
{
    private static PrefModel SampleModel()
    {
        float[] v = FiniteDifferences.RandomVector(2 * 5, 71, 1.0);
        float[] w = [1f, 2f, -1f, 0.5f, 0.25f, -3f];
        var clusters = new ClusterModel(2, [1f, 0f, 0f, 1f], [1.5f, 0.1f, -0.2f, 2f], [0, 1, 0], 0.42);
        return new PrefModel(
            "pref-alternating", 2, 5, v, ["alice", "bob", "carol"], w,
            new GaussianPrior([0.1, -0.2], [1.0, 0.2, 0.2, 0.5]), "hashing:v1 D=5", [3.5, 1.25], clusters,
            new Dictionary<string, double> { ["validation_auc"] = 0.8, ["validation_loss"] = double.NaN },
            new Dictionary<string, string> { ["seed"] = "7" });
    }

    private static byte[] Bytes(PrefModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        return stream.ToArray();
    }

    [Fact]
    public void WriteRead_roundTrip_preservesEveryField()
    {
        PrefModel model = SampleModel();

        PrefModel read = ModelFile.Read(new MemoryStream(Bytes(model)));

        Assert.Equal(model.Method, read.Method);
        Assert.Equal(model.Rank, read.Rank);
        Assert.Equal(model.Dimension, read.Dimension);
        Assert.Equal(model.V.ToArray(), read.V.ToArray());
        Assert.Equal(model.UserIds, read.UserIds);
        Assert.Equal(model.UserWeights.ToArray(), read.UserWeights.ToArray());
        Assert.Equal(model.Prior.Mean.ToArray(), read.Prior.Mean.ToArray());
        Assert.Equal(model.Prior.Covariance.ToArray(), read.Prior.Covariance.ToArray());
        Assert.Equal(model.Featurizer, read.Featurizer);
        Assert.Equal(model.Spectrum, read.Spectrum);
        Assert.Equal(0.8, read.Metrics["validation_auc"]);
        Assert.True(double.IsNaN(read.Metrics["validation_loss"]));
        Assert.Equal("7", read.Settings["seed"]);
        Assert.Equal(model.Clusters!.ClusterWeights.ToArray(), read.Clusters!.ClusterWeights.ToArray());
        Assert.Equal(model.Clusters.Assignments, read.Clusters.Assignments);
        Assert.Equal(1, read.IndexOfUser("bob"));
    }

    [Fact]
    public void Read_unknownVersion_throwsNamingVersion()
    {
        byte[] bytes = Bytes(SampleModel());
        bytes[8] = 9;

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("version 9", error.Message);
    }

    [Fact]
    public void Read_wrongMagic_throws()
    {
        byte[] bytes = Bytes(SampleModel());
        bytes[0] = (byte)'X';

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("magic", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(-20)]
    [InlineData(-1)]
    public void Read_truncated_throwsTruncated(int cut)
    {
        byte[] bytes = Bytes(SampleModel());
        int length = cut >= 0 ? cut : bytes.Length + cut;

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(new MemoryStream(bytes, 0, length)));

        Assert.Contains("Truncated", error.Message);
    }

    [Fact]
    public void Read_flippedByteInV_failsChecksum()
    {
        byte[] bytes = Bytes(SampleModel());
        bytes[^12] ^= 0x40;

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("checksum", error.Message);
    }
}
