using Attune.Evaluation.Splitting;

namespace Attune.Evaluation.Tests;

public sealed class ProtocolSplitterTests
{
    [Theory]
    [InlineData(120, 64, 0)]
    [InlineData(5, 3, 1)]
    [InlineData(100, 461, 7)]
    public void Split_anySeed_partitionsUsersAndPromptsWithoutOverlap(int users, int prompts, int seed)
    {
        var split = ProtocolSplitter.Split(users, prompts, 0.2, 0.3, 0.2, seed);

        var allUsers = split.TrainUsers.Concat(split.NewUsers).ToList();
        var allPrompts = split.TrainPrompts.Concat(split.CalibrationPrompts).Concat(split.TestPrompts).ToList();
        Assert.Equal(Enumerable.Range(0, users), allUsers.Order());
        Assert.Equal(Enumerable.Range(0, prompts), allPrompts.Order());
        Assert.NotEmpty(split.NewUsers);
        Assert.NotEmpty(split.TrainUsers);
        Assert.NotEmpty(split.CalibrationPrompts);
        Assert.NotEmpty(split.TestPrompts);
        Assert.NotEmpty(split.TrainPrompts);
    }

    [Fact]
    public void Split_sameSeed_isDeterministic()
    {
        var a = ProtocolSplitter.Split(120, 64, 0.2, 0.3, 0.2, 3);
        var b = ProtocolSplitter.Split(120, 64, 0.2, 0.3, 0.2, 3);

        Assert.Equal(a.NewUsers, b.NewUsers);
        Assert.Equal(a.TrainUsers, b.TrainUsers);
        Assert.Equal(a.TrainPrompts, b.TrainPrompts);
        Assert.Equal(a.CalibrationPrompts, b.CalibrationPrompts);
        Assert.Equal(a.TestPrompts, b.TestPrompts);
    }

    [Fact]
    public void Split_differentSeeds_giveDifferentNewUsers()
    {
        var a = ProtocolSplitter.Split(120, 64, 0.2, 0.3, 0.2, 0);
        var b = ProtocolSplitter.Split(120, 64, 0.2, 0.3, 0.2, 1);

        Assert.NotEqual(a.NewUsers, b.NewUsers);
    }

    [Fact]
    public void Split_sizes_followTheFractions()
    {
        var split = ProtocolSplitter.Split(100, 100, 0.2, 0.3, 0.2, 0);

        Assert.Equal(20, split.NewUsers.Count);
        Assert.Equal(30, split.CalibrationPrompts.Count);
        Assert.Equal(20, split.TestPrompts.Count);
    }

    [Theory]
    [InlineData(0.0, 0.3, 0.2)]
    [InlineData(0.2, 0.6, 0.4)]
    [InlineData(0.2, 0.3, 1.0)]
    public void Split_badFractions_throw(double newUsers, double calibration, double test)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProtocolSplitter.Split(10, 10, newUsers, calibration, test, 0));
    }
}
