using Attune.Ml.Objectives;

namespace Attune.Ml.Tests;

public sealed class ObjectiveTests
{
    // Float parameters with the loss accumulated in double: h = 5e-3 keeps the truncation error (~h^2) and the float
    // round-off of the margins (~1e-6 / h) both below the 2e-3 relative tolerance.
    private const float Step = 5e-3f;
    private const double Tolerance = 2e-3;

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(true, 2)]
    [InlineData(false, 8)]
    [InlineData(true, 8)]
    [InlineData(true, 11)]
    public void JointObjective_Gradient_matchesFiniteDifferences(bool sparse, int rank)
    {
        var data = new PlantedData(5, 8, 6, 2, 0.6, seed: 3, sparse: sparse);
        var objective = new JointObjective(data.Train, rank, lambdaV: 0.3f, lambdaW: 0.7f);
        float[] theta = FiniteDifferences.RandomVector(objective.Dimension, 11, 0.5);

        double error = FiniteDifferences.MaxRelativeGradientError(objective, theta, Step);

        Assert.True(error < Tolerance, $"max relative gradient error {error:E2}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VBlockObjective_Gradient_matchesFiniteDifferences(bool sparse)
    {
        var data = new PlantedData(5, 8, 6, 2, 0.6, seed: 4, sparse: sparse);
        float[] w = FiniteDifferences.RandomVector(5 * 2, 12, 1.0);
        var objective = new VBlockObjective(data.Train, w, 2, lambdaV: 0.5f);
        float[] v = FiniteDifferences.RandomVector(objective.Dimension, 13, 0.5);

        double error = FiniteDifferences.MaxRelativeGradientError(objective, v, Step);

        Assert.True(error < Tolerance, $"max relative gradient error {error:E2}");
    }

    [Fact]
    public void LogisticRegressionObjective_Gradient_matchesFiniteDifferences()
    {
        var data = new PlantedData(3, 10, 7, 2, 0.7, seed: 5);
        int[] all = Enumerable.Range(0, data.Train.Count).ToArray();
        var objective = new LogisticRegressionObjective(data.Train, all, lambda: 0.4f);
        float[] beta = FiniteDifferences.RandomVector(objective.Dimension, 14, 0.5);

        double error = FiniteDifferences.MaxRelativeGradientError(objective, beta, Step);

        Assert.True(error < Tolerance, $"max relative gradient error {error:E2}");
    }

    [Fact]
    public void JointObjective_LossGradient_agreesWithLossAndGradient()
    {
        var data = new PlantedData(5, 8, 6, 2, 0.6, seed: 6);
        var objective = new JointObjective(data.Train, 2, 0.3f, 0.7f);
        float[] theta = FiniteDifferences.RandomVector(objective.Dimension, 15, 0.5);
        var g1 = new float[theta.Length];
        var g2 = new float[theta.Length];

        double loss = objective.LossGradient(theta, g1);
        objective.Gradient(theta, g2);

        Assert.Equal(objective.Loss(theta), loss, 12);
        Assert.Equal(g2, g1);
    }

    [Fact]
    public void UserObjective_GradientAndHessian_matchFiniteDifferences()
    {
        const int k = 3;
        float[] z = FiniteDifferences.RandomVector(6 * k, 16, 1.0);
        float[] y = [1f, 0f, 0.5f, 1f, 0.2f, 0f];
        float[] c = [1f, 2f, 1f, 0.5f, 1f, 1f];
        double[] mu = [0.1, -0.2, 0.3];
        double[] precision = [2.0, 0.3, 0.0, 0.3, 1.5, -0.2, 0.0, -0.2, 1.0];
        var objective = new UserObjective(z, y, c, mu, precision);
        double[] w = [0.4, -0.7, 0.2];
        var gradient = new double[k];
        var hessian = new double[k * k];
        objective.Gradient(w, gradient);
        objective.Hessian(w, hessian);
        const double h = 1e-5;

        for (int j = 0; j < k; j++)
        {
            double[] plus = (double[])w.Clone();
            double[] minus = (double[])w.Clone();
            plus[j] += h;
            minus[j] -= h;
            Assert.Equal((objective.Loss(plus) - objective.Loss(minus)) / (2 * h), gradient[j], 7);
            var gp = new double[k];
            var gm = new double[k];
            objective.Gradient(plus, gp);
            objective.Gradient(minus, gm);
            for (int a = 0; a < k; a++)
            {
                Assert.Equal((gp[a] - gm[a]) / (2 * h), hessian[a * k + j], 7);
            }
        }

        Assert.Equal(objective.Loss(w), objective.LossGradient(w, new double[k]), 12);
    }

    [Fact]
    public void UserObjective_LossGradientHessian_agreesWithSeparateCalls()
    {
        const int k = 2;
        float[] z = [1f, -2f, 0.5f, 0.25f, -1f, 3f];
        float[] y = [1f, 0f, 0.3f];
        double[] mu = [0.5, -0.5];
        double[] precision = [1.0, 0.2, 0.2, 2.0];
        var objective = new UserObjective(z, y, [], mu, precision);
        double[] w = [0.3, 40.0];
        var g1 = new double[k];
        var g2 = new double[k];
        var h1 = new double[k * k];
        var h2 = new double[k * k];

        double loss = objective.LossGradientHessian(w, g1, h1);
        objective.Gradient(w, g2);
        objective.Hessian(w, h2);

        Assert.Equal(objective.Loss(w), loss, 9);
        for (int a = 0; a < k; a++)
        {
            Assert.Equal(g2[a], g1[a], 12);
        }

        for (int a = 0; a < k * k; a++)
        {
            Assert.Equal(h2[a], h1[a], 12);
        }
    }

    [Fact]
    public void JointObjective_wrongParameterLength_throws()
    {
        var data = new PlantedData(5, 8, 6, 2, 0.6, seed: 6);
        var objective = new JointObjective(data.Train, 2, 0.3f, 0.7f);

        Assert.Throws<ArgumentException>(() => objective.Loss(new float[objective.Dimension - 1]));
    }
}
