using Attune.Ml.Active;

namespace Attune.Bench.Ml;

/// <summary>Choosing the next query among the candidates by sigmoid'(mu . z) sqrt(z^T Sigma z) (<see cref="ActiveQuerySelector"/>).</summary>
internal static class SelectionBenchmark
{
    public static Dictionary<string, object> Run(BenchDataset data, int repetitions)
    {
        double[] mean = data.Float64("select.mean");
        double[] covariance = data.Float64("select.cov");
        float[] candidates = data.Float32("select.z");
        int choice = ActiveQuerySelector.Select(QueryStrategy.Uncertainty, mean, covariance, candidates);
        return new Dictionary<string, object>
        {
            ["candidates"] = candidates.Length / mean.Length,
            ["choice"] = choice,
            ["timing"] = Measure.Run(() => ActiveQuerySelector.Select(QueryStrategy.Uncertainty, mean, covariance, candidates), repetitions),
        };
    }
}
