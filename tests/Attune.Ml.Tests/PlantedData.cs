using Attune.Ml.Data;
using Attune.Ml.Kernels;

namespace Attune.Ml.Tests;

/// <summary>
/// Synthetic PReF data with a planted low-rank structure: d_p ~ N(0, I_D), V* ~ N(0, 1/D) of shape (K, D),
/// W* ~ N(0, scale^2) of shape (users, K); each (user, pair) cell is observed with probability density and its label is
/// drawn from Bernoulli(sigmoid(w*_u . V* d_p)). Unobserved cells form a held-out test set from the same model.
/// </summary>
internal sealed class PlantedData
{
    public PlantedData(int users, int pairs, int dimension, int rank, double density, int seed, double scale = 1.5, bool sparse = false)
    {
        var random = new Random(seed);
        Rank = rank;
        Dimension = dimension;
        var features = new float[pairs * dimension];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)Gaussian(random);
        }

        Features = sparse ? ToSparse(features, pairs, dimension) : new DenseFeatureMatrix(features, pairs, dimension);
        TrueV = new float[rank * dimension];
        for (int i = 0; i < TrueV.Length; i++)
        {
            TrueV[i] = (float)(Gaussian(random) / Math.Sqrt(dimension));
        }

        TrueW = new float[users * rank];
        for (int i = 0; i < TrueW.Length; i++)
        {
            TrueW[i] = (float)(scale * Gaussian(random));
        }

        var train = new Sample();
        var test = new Sample();
        var z = new float[rank];
        for (int p = 0; p < pairs; p++)
        {
            Features.Project(p, TrueV, rank, z);
            for (int u = 0; u < users; u++)
            {
                double m = 0;
                for (int k = 0; k < rank; k++)
                {
                    m += TrueW[u * rank + k] * z[k];
                }

                float y = random.NextDouble() < Logistic.Sigmoid(m) ? 1f : 0f;
                (random.NextDouble() < density ? train : test).Add(u, p, y, (float)m);
            }
        }

        Train = train.ToSet(Features, users);
        Test = test.ToSet(Features, users);
        TrainTrueMargins = train.Margins.ToArray();
        TestTrueMargins = test.Margins.ToArray();
    }

    public int Rank { get; }

    public int Dimension { get; }

    public FeatureMatrix Features { get; }

    public float[] TrueV { get; }

    public float[] TrueW { get; }

    public ComparisonSet Train { get; }

    public ComparisonSet Test { get; }

    public float[] TrainTrueMargins { get; }

    public float[] TestTrueMargins { get; }

    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }

    private static SparseFeatureMatrix ToSparse(float[] dense, int rows, int columns)
    {
        var pointers = new int[rows + 1];
        var indices = new List<int>();
        var values = new List<float>();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                if (dense[r * columns + c] != 0f)
                {
                    indices.Add(c);
                    values.Add(dense[r * columns + c]);
                }
            }

            pointers[r + 1] = values.Count;
        }

        return new SparseFeatureMatrix(pointers, indices.ToArray(), values.ToArray(), columns);
    }

    private sealed class Sample
    {
        public List<int> Users { get; } = [];

        public List<int> Pairs { get; } = [];

        public List<float> Preferences { get; } = [];

        public List<float> Margins { get; } = [];

        public void Add(int user, int pair, float y, float margin)
        {
            Users.Add(user);
            Pairs.Add(pair);
            Preferences.Add(y);
            Margins.Add(margin);
        }

        public ComparisonSet ToSet(FeatureMatrix features, int users) =>
            new(features, users, Users.ToArray(), Pairs.ToArray(), Preferences.ToArray());
    }
}
