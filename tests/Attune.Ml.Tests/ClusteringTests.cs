using Attune.Ml.Clustering;

namespace Attune.Ml.Tests;

public sealed class ClusteringTests
{
    /// <summary>Users along `clusters` random directions of R^4 with 5% angular noise and random magnitudes.</summary>
    private static float[] Blobs(int clusters, int perCluster, int seed, out int[] truth)
    {
        const int k = 4;
        var random = new Random(seed);
        float[] directions = FiniteDifferences.RandomVector(clusters * k, seed + 1, 1.0);
        var weights = new float[clusters * perCluster * k];
        truth = new int[clusters * perCluster];
        for (int i = 0; i < truth.Length; i++)
        {
            int c = i % clusters;
            truth[i] = c;
            double magnitude = 0.5 + 2 * random.NextDouble();
            for (int a = 0; a < k; a++)
            {
                weights[i * k + a] = (float)(magnitude * (directions[c * k + a] + 0.05 * PlantedData.Gaussian(random)));
            }
        }

        return weights;
    }

    [Fact]
    public void KMeans_separatedBlobs_recoversGroups()
    {
        float[] points = Blobs(3, 15, 41, out int[] truth);
        for (int i = 0; i < points.Length; i += 4)
        {
            double norm = Math.Sqrt(points[i] * points[i] + points[i + 1] * points[i + 1] + points[i + 2] * points[i + 2] + points[i + 3] * points[i + 3]);
            for (int a = 0; a < 4; a++)
            {
                points[i + a] /= (float)norm;
            }
        }

        int[] labels = KMeans.Fit(points, 4, 3, seed: 1, new float[12]);

        for (int i = 0; i < truth.Length; i++)
        {
            for (int j = 0; j < truth.Length; j++)
            {
                Assert.Equal(truth[i] == truth[j], labels[i] == labels[j]);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void UserClustering_silhouette_picksPlantedClusterCount(int clusters)
    {
        float[] weights = Blobs(clusters, 12, 50 + clusters, out _);

        ClusterModel model = UserClustering.Fit(weights, 4, 2, 8, seed: 3);

        Assert.Equal(clusters, model.Count);
        Assert.True(model.Silhouette > 0.5, $"silhouette {model.Silhouette:F3}");
    }

    [Fact]
    public void Assign_scaledMemberDirection_returnsItsCluster()
    {
        float[] weights = Blobs(3, 12, 60, out _);
        ClusterModel model = UserClustering.Fit(weights, 4, 2, 6, seed: 3);
        double[] newUser = [10 * weights[0], 10 * weights[1], 10 * weights[2], 10 * weights[3]];

        int cluster = model.Assign(newUser);

        Assert.Equal(model.Assignments[0], cluster);
    }

    [Fact]
    public void Silhouette_twoTightFarPairs_isNearOne()
    {
        float[] points = [0f, 0f, 0f, 0.1f, 10f, 0f, 10f, 0.1f];

        double s = Silhouette.Mean(points, 2, [0, 0, 1, 1], 2);

        // a = 0.1, b ~ 10.0005 for each point -> s ~ 0.99.
        Assert.InRange(s, 0.98, 1.0);
    }
}
