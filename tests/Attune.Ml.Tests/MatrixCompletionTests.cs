using Attune.Ml.Factorization;

namespace Attune.Ml.Tests;

public sealed class MatrixCompletionTests
{
    [Fact]
    public void Complete_plantedRankThree_recoversHeldOutEntries()
    {
        const int rows = 40, columns = 200, rank = 3;
        float[] a = FiniteDifferences.RandomVector(rows * rank, 91, 1.0);
        float[] b = FiniteDifferences.RandomVector(columns * rank, 92, 1.0);
        var random = new Random(93);
        var observedRow = new List<int>();
        var observedColumn = new List<int>();
        var values = new List<double>();
        var held = new List<(int Row, int Column, double Value)>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double x = 0;
                for (int k = 0; k < rank; k++)
                {
                    x += a[i * rank + k] * b[j * rank + k];
                }

                if (random.NextDouble() < 0.5)
                {
                    observedRow.Add(i);
                    observedColumn.Add(j);
                    values.Add(x);
                }
                else
                {
                    held.Add((i, j, x));
                }
            }
        }

        CompletionResult result = MatrixCompletion.Complete(
            observedRow.ToArray(), observedColumn.ToArray(), values.ToArray(), rows, columns, rank: 6, lambda: 0.5, seed: 1,
            cancellationToken: TestContext.Current.CancellationToken);

        double error = 0, total = 0;
        foreach (var (i, j, x) in held)
        {
            double fit = 0;
            for (int k = 0; k < result.Rank; k++)
            {
                fit += result.Left[i * result.Rank + k] * result.SingularValues[k] * result.Right[j * result.Rank + k];
            }

            error += (fit - x) * (fit - x);
            total += x * x;
        }

        Assert.True(Math.Sqrt(error / total) < 0.05, $"relative held-out error {Math.Sqrt(error / total):F4}");
        Assert.Equal(3, SpectrumAnalysis.Elbow(result.SingularValues));
        Assert.True(result.SingularValues[3] < 1e-3 * result.SingularValues[0], "the nuclear-norm penalty should zero components past the planted rank");
    }

    [Theory]
    [InlineData(new[] { 10.0, 8.0, 6.0, 0.0, 0.0 }, 3)]
    [InlineData(new[] { 10.0, 0.001, 0.0 }, 1)]
    [InlineData(new[] { 5.0, 4.0 }, 2)]
    [InlineData(new[] { 0.0, 0.0 }, 1)]
    public void Elbow_shrunkSpectra_returnsLastSignalComponent(double[] spectrum, int expected)
    {
        Assert.Equal(expected, SpectrumAnalysis.Elbow(spectrum));
    }

    [Fact]
    public void Complete_rankAboveMatrixSize_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            MatrixCompletion.Complete([0], [0], [1.0], 2, 3, rank: 3, lambda: 1, seed: 0, cancellationToken: TestContext.Current.CancellationToken));
    }
}
