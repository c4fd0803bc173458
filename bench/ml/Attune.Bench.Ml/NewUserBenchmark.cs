using Attune.Ml.Users;

namespace Attune.Bench.Ml;

/// <summary>
/// New-user adaptation with <see cref="NewUserFitter"/> (Newton/IRLS, allocation-free overload) on every answer set of
/// each size, under two priors: N(0, I), which makes the objective identical to scikit-learn's
/// LogisticRegression(C = 1, no intercept), and the planted users' N(mu, Sigma) as in production.
/// </summary>
internal static class NewUserBenchmark
{
    public static Dictionary<string, object> Run(BenchDataset data, int repetitions)
    {
        int k = data.Int("rank");
        var identity = new double[k * k];
        for (int a = 0; a < k; a++)
        {
            identity[a * k + a] = 1.0;
        }

        var priors = new Dictionary<string, GaussianPrior>
        {
            ["isotropic"] = new(new double[k], identity),
            ["trained"] = new(data.Float64("newuser.prior_mean"), data.Float64("newuser.prior_cov")),
        };
        var results = new Dictionary<string, object>();
        foreach (int n in data.IntList("newuser_sizes"))
        {
            float[] z = data.Float32($"newuser.z{n}");
            float[] y = data.Float32($"newuser.y{n}");
            int sets = y.Length / n;
            var row = new Dictionary<string, object> { ["sets"] = sets };
            foreach ((string name, GaussianPrior prior) in priors)
            {
                var means = new double[sets * k];
                var covariance = new double[k * k];
                long iterations = 0;
                for (int s = 0; s < sets; s++)
                {
                    iterations += NewUserFitter.Fit(prior, z.AsSpan(s * n * k, n * k), y.AsSpan(s * n, n), default, means.AsSpan(s * k, k), covariance);
                }

                Measurement timing = Measure.Run(
                    () =>
                    {
                        for (int s = 0; s < sets; s++)
                        {
                            NewUserFitter.Fit(prior, z.AsSpan(s * n * k, n * k), y.AsSpan(s * n, n), default, means.AsSpan(s * k, k), covariance);
                        }
                    },
                    repetitions).PerItem(sets);
                row[name] = new Dictionary<string, object>
                {
                    ["timing"] = timing,
                    ["mean_newton_iterations"] = (double)iterations / sets,
                    ["coef"] = Enumerable.Range(0, sets).Select(s => means.AsSpan(s * k, k).ToArray()).ToArray(),
                };
            }

            results[n.ToString(System.Globalization.CultureInfo.InvariantCulture)] = row;
        }

        return results;
    }
}
