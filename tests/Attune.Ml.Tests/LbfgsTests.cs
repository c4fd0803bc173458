using Attune.Ml.Objectives;
using Attune.Ml.Optimization;

namespace Attune.Ml.Tests;

public sealed class LbfgsTests
{
    [Fact]
    public void Step_backtracking_evaluatesLaterTrialsWithLossOnly()
    {
        var rosenbrock = new Rosenbrock();
        var lbfgs = new Lbfgs(rosenbrock, [-1.2f, 1f], new LbfgsOptions { RelativeTolerance = 0 });
        int steps = 0;

        while (steps < 40 && lbfgs.Step())
        {
            steps++;
        }

        // One LossGradient per iteration (its first trial) plus the constructor's; a backtracked iteration adds one
        // Gradient at the accepted point, however many Loss-only trials it took.
        Assert.True(rosenbrock.LossCalls > rosenbrock.GradientCalls, "the line search never halved twice; the test needs a harder start");
        Assert.Equal(steps + 1, rosenbrock.LossGradientCalls);
        Assert.InRange(rosenbrock.GradientCalls, 1, steps);
        Assert.True(lbfgs.Value < 1e-3 * 24.2, $"Rosenbrock from (-1.2, 1) only reached {lbfgs.Value}");
    }

    [Fact]
    public void Step_stalledLoss_convergesWithTolerance()
    {
        var loose = new Lbfgs(new Rosenbrock(), [-1.2f, 1f], new LbfgsOptions { RelativeTolerance = 1e-2 });
        var off = new Lbfgs(new Rosenbrock(), [-1.2f, 1f], new LbfgsOptions { RelativeTolerance = 0 });

        int looseSteps = Run(loose, 200);
        int offSteps = Run(off, 200);

        Assert.True(loose.Converged);
        Assert.False(loose.Step());
        Assert.True(looseSteps < offSteps, $"tolerance 1e-2 took {looseSteps} steps, no tolerance {offSteps}");
    }

    [Fact]
    public void Constructor_historyOverload_usesDefaultTolerance()
    {
        var options = new LbfgsOptions();

        Assert.Equal(10, options.History);
        Assert.Equal(1e-9, options.RelativeTolerance);
        Assert.Equal(30, options.MaxBacktracks);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(new Rosenbrock(), [0f, 0f], history: 0));
    }

    [Theory]
    [InlineData(0, 1e-9, 30)]
    [InlineData(10, -1e-9, 30)]
    [InlineData(10, 1.0, 30)]
    [InlineData(10, double.NaN, 30)]
    [InlineData(10, 1e-9, 0)]
    public void LbfgsOptions_outOfRange_throws(int history, double tolerance, int backtracks)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new LbfgsOptions { History = history, RelativeTolerance = tolerance, MaxBacktracks = backtracks });
    }

    private static int Run(Lbfgs lbfgs, int maxSteps)
    {
        int steps = 0;
        while (steps < maxSteps && lbfgs.Step())
        {
            steps++;
        }

        return steps;
    }

    /// <summary>f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1); counts each kind of evaluation.</summary>
    private sealed class Rosenbrock : IObjective
    {
        public int Dimension => 2;

        public int LossCalls { get; private set; }

        public int GradientCalls { get; private set; }

        public int LossGradientCalls { get; private set; }

        public double Loss(ReadOnlySpan<float> parameters)
        {
            LossCalls++;
            return Value(parameters);
        }

        public void Gradient(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            GradientCalls++;
            Derivative(parameters, gradient);
        }

        public double LossGradient(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            LossGradientCalls++;
            Derivative(parameters, gradient);
            return Value(parameters);
        }

        private static double Value(ReadOnlySpan<float> p)
        {
            double x = p[0], y = p[1];
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        private static void Derivative(ReadOnlySpan<float> p, Span<float> g)
        {
            double x = p[0], y = p[1];
            g[0] = (float)(-2 * (1 - x) - 400 * x * (y - x * x));
            g[1] = (float)(200 * (y - x * x));
        }
    }
}
