using System.Numerics.Tensors;
using Attune.Ml.Objectives;

namespace Attune.Ml.Optimization;

/// <summary>
/// Limited-memory BFGS with a backtracking Armijo line search, stepped one iteration at a time so the caller can
/// interleave validation checks, progress reports and cancellation. Minimises an <see cref="IObjective"/> in place over
/// a float parameter vector; curvature pairs with s.y &lt;= 0 are skipped, and a non-descent direction resets the memory.
/// </summary>
/// <remarks>
/// The line search evaluates the first trial point with <see cref="IObjective.LossGradient"/> (it is accepted in most
/// iterations), later trials with <see cref="IObjective.Loss"/> only, and then the gradient once at the accepted point.
/// The iteration stops (<see cref="Converged"/>) when a line search fails or when the loss stalls (see
/// <see cref="LbfgsOptions.RelativeTolerance"/>).
/// </remarks>
public sealed class Lbfgs
{
    private const double ArmijoC1 = 1e-4;

    private readonly IObjective _objective;
    private readonly double _relativeTolerance;
    private readonly int _maxBacktracks;
    private readonly float[] _x;
    private readonly float[] _g;
    private readonly float[] _direction;
    private readonly float[] _trialX;
    private readonly float[] _trialG;
    private readonly float[][] _s;
    private readonly float[][] _y;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private int _stored;
    private int _newest = -1;

    /// <param name="objective">The function to minimise.</param>
    /// <param name="initial">Starting point, length objective.Dimension (copied).</param>
    /// <param name="history">Number of curvature pairs kept, >= 1; the other settings are <see cref="LbfgsOptions"/>' defaults.</param>
    public Lbfgs(IObjective objective, ReadOnlySpan<float> initial, int history = 10)
        : this(objective, initial, new LbfgsOptions { History = history })
    {
    }

    /// <param name="objective">The function to minimise.</param>
    /// <param name="initial">Starting point, length objective.Dimension (copied).</param>
    /// <param name="options">History, stall tolerance and line-search limit.</param>
    public Lbfgs(IObjective objective, ReadOnlySpan<float> initial, LbfgsOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        int history = options.History;
        if (initial.Length != objective.Dimension)
        {
            throw new ArgumentException($"initial has length {initial.Length}; the objective has {objective.Dimension} parameters.", nameof(initial));
        }

        int n = objective.Dimension;
        _objective = objective;
        _relativeTolerance = options.RelativeTolerance;
        _maxBacktracks = options.MaxBacktracks;
        _x = initial.ToArray();
        _g = new float[n];
        _direction = new float[n];
        _trialX = new float[n];
        _trialG = new float[n];
        _s = new float[history][];
        _y = new float[history][];
        for (int h = 0; h < history; h++)
        {
            _s[h] = new float[n];
            _y[h] = new float[n];
        }

        _rho = new double[history];
        _alpha = new double[history];
        Value = objective.LossGradient(_x, _g);
    }

    /// <summary>Current parameters.</summary>
    public ReadOnlySpan<float> Position => _x;

    /// <summary>Objective at <see cref="Position"/>.</summary>
    public double Value { get; private set; }

    /// <summary>Euclidean norm of the gradient at <see cref="Position"/>.</summary>
    public double GradientNorm => Math.Sqrt(TensorPrimitives.Dot<float>(_g, _g));

    /// <summary>
    /// True once a line search could not decrease the objective (a stationary point to float precision) or an accepted
    /// step decreased it by no more than <see cref="LbfgsOptions.RelativeTolerance"/>.
    /// </summary>
    public bool Converged { get; private set; }

    /// <summary>Performs one iteration; returns false (and sets <see cref="Converged"/>) when no progress was possible.</summary>
    public bool Step()
    {
        if (Converged)
        {
            return false;
        }

        ComputeDirection();
        double slope = TensorPrimitives.Dot<float>(_direction, _g);
        if (!(slope < 0))
        {
            _stored = 0;
            TensorPrimitives.Negate(_g, _direction);
            slope = -TensorPrimitives.Dot<float>(_g, _g);
            if (!(slope < 0))
            {
                Converged = true;
                return false;
            }
        }

        double step = _stored == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(-slope)) : 1.0;
        for (int b = 0; b < _maxBacktracks; b++)
        {
            TensorPrimitives.MultiplyAdd(_direction, (float)step, _x, _trialX);

            // Most iterations accept the first trial, so it gets the gradient at once; later trials only need the loss.
            double trial = b == 0 ? _objective.LossGradient(_trialX, _trialG) : _objective.Loss(_trialX);
            if (double.IsFinite(trial) && trial <= Value + ArmijoC1 * step * slope)
            {
                if (b > 0)
                {
                    _objective.Gradient(_trialX, _trialG);
                }

                double previous = Value;
                Accept(trial);
                if (previous - trial <= _relativeTolerance * Math.Max(Math.Max(Math.Abs(previous), Math.Abs(trial)), 1.0))
                {
                    Converged = true;
                }

                return true;
            }

            step *= 0.5;
        }

        Converged = true;
        return false;
    }

    private void Accept(double trial)
    {
        int slot = (_newest + 1) % _s.Length;
        TensorPrimitives.Subtract(_trialX, _x, _s[slot]);
        TensorPrimitives.Subtract(_trialG, _g, _y[slot]);
        double sy = TensorPrimitives.Dot<float>(_s[slot], _y[slot]);
        if (sy > 1e-12)
        {
            _rho[slot] = 1.0 / sy;
            _newest = slot;
            _stored = Math.Min(_stored + 1, _s.Length);
        }

        _trialX.CopyTo(_x, 0);
        _trialG.CopyTo(_g, 0);
        Value = trial;
    }

    private void ComputeDirection()
    {
        TensorPrimitives.Negate(_g, _direction);
        int m = _s.Length;
        for (int h = 0; h < _stored; h++)
        {
            int i = ((_newest - h) % m + m) % m;
            _alpha[i] = _rho[i] * TensorPrimitives.Dot<float>(_s[i], _direction);
            TensorPrimitives.MultiplyAdd(_y[i], (float)-_alpha[i], _direction, _direction);
        }

        if (_stored > 0)
        {
            double yy = TensorPrimitives.Dot<float>(_y[_newest], _y[_newest]);
            TensorPrimitives.Multiply(_direction, (float)(1.0 / (_rho[_newest] * yy)), _direction);
        }

        for (int h = _stored - 1; h >= 0; h--)
        {
            int i = ((_newest - h) % m + m) % m;
            double beta = _rho[i] * TensorPrimitives.Dot<float>(_y[i], _direction);
            TensorPrimitives.MultiplyAdd(_s[i], (float)(_alpha[i] - beta), _direction, _direction);
        }
    }
}
