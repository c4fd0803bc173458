using System.Buffers.Binary;
using System.Text;
using Attune.Ml.Models;
using Attune.Ml.Serialization;

namespace Attune.Ml.Tests;

public sealed class ModelFileResidualTests
{
    private static byte[] Bytes(PrefModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        return stream.ToArray();
    }

    [Fact]
    public void WriteRead_withResidual_roundTripsVersion2AndScoresAlike()
    {
        PrefModel model = ResidualModels.Model(3, 11, 2, ResidualModels.Residual(3, 11, 5, 61), 61);
        byte[] bytes = Bytes(model);

        PrefModel read = ModelFile.Read(new MemoryStream(bytes));

        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.NotNull(read.Residual);
        Assert.Equal(model.Residual!.H.ToArray(), read.Residual!.H.ToArray());
        Assert.Equal(model.Residual.Bias.ToArray(), read.Residual.Bias.ToArray());
        Assert.Equal(model.Residual.U.ToArray(), read.Residual.U.ToArray());
        Assert.Equal(model.V.ToArray(), read.V.ToArray());
        var embeddings = ResidualModels.Embeddings(3, 11, 62);
        var expected = new float[3];
        var actual = new float[3];
        model.Rewards(0, embeddings, expected);
        read.Rewards(0, embeddings, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Write_linearModel_staysVersion1WithoutResidualKey()
    {
        byte[] bytes = Bytes(ResidualModels.Model(3, 11, 2, null, 63));

        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        string header = Encoding.UTF8.GetString(bytes, 16, headerLength);

        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.DoesNotContain("residual", header);
        Assert.Null(ModelFile.Read(new MemoryStream(bytes)).Residual);
    }

    [Fact]
    public void Read_flippedByteInResidual_failsChecksum()
    {
        byte[] bytes = Bytes(ResidualModels.Model(3, 11, 2, ResidualModels.Residual(3, 11, 5, 64), 64));
        bytes[^20] ^= 0x40;

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void Read_version1HeaderClaimingResidual_throws()
    {
        byte[] bytes = Bytes(ResidualModels.Model(3, 11, 2, ResidualModels.Residual(3, 11, 5, 65), 65));
        bytes[8] = 1;

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Read(new MemoryStream(bytes)));

        Assert.Contains("version 1", error.Message);
    }
}
