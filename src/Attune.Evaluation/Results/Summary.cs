namespace Attune.Evaluation.Results;

/// <summary>Mean and sample standard deviation (n - 1) of the finite values of a cell across seeds.</summary>
/// <param name="Mean">Mean, NaN when no value is finite.</param>
/// <param name="Sd">Sample standard deviation, 0 for a single value, NaN for none.</param>
/// <param name="Count">Finite values.</param>
public sealed record Summary(double Mean, double Sd, int Count)
{
    /// <summary>Summarises the finite values of <paramref name="values"/>.</summary>
    public static Summary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return new Summary(double.NaN, double.NaN, 0);
        }

        var mean = finite.Average();
        var sd = finite.Length > 1 ? Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1)) : 0;
        return new Summary(mean, sd, finite.Length);
    }
}
