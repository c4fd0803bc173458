namespace Attune.Ml.Objectives;

/// <summary>
/// A differentiable objective over a flat float parameter vector. Implementations hold scratch buffers and are not
/// thread-safe; the loss is accumulated in double.
/// </summary>
public interface IObjective
{
    /// <summary>Length of the parameter vector.</summary>
    int Dimension { get; }

    /// <summary>The objective at parameters (length <see cref="Dimension"/>).</summary>
    double Loss(ReadOnlySpan<float> parameters);

    /// <summary>Writes the gradient at parameters into gradient (length <see cref="Dimension"/>).</summary>
    void Gradient(ReadOnlySpan<float> parameters, Span<float> gradient);

    /// <summary>Writes the gradient and returns the loss, in one pass.</summary>
    double LossGradient(ReadOnlySpan<float> parameters, Span<float> gradient);
}
