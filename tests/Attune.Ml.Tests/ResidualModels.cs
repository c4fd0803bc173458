using Attune.Ml.Data;
using Attune.Ml.Models;
using Attune.Ml.Users;

namespace Attune.Ml.Tests;

/// <summary>Seeded models with and without a residual MLP, and embeddings to score, for the residual tests.</summary>
internal static class ResidualModels
{
    public static ResidualBasis Residual(int rank, int dimension, int hidden, int seed) => new(
        rank, dimension, hidden,
        FiniteDifferences.RandomVector(hidden * dimension, seed, 0.5),
        FiniteDifferences.RandomVector(hidden, seed + 1, 0.5),
        FiniteDifferences.RandomVector(rank * hidden, seed + 2, 1.0));

    public static PrefModel Model(int rank, int dimension, int users, ResidualBasis? residual, int seed) => new(
        "neural", rank, dimension, FiniteDifferences.RandomVector(rank * dimension, seed + 3, 0.5),
        [.. Enumerable.Range(0, users).Select(u => $"u{u}")], FiniteDifferences.RandomVector(users * rank, seed + 4, 1.0),
        GaussianPrior.FromUserWeights(FiniteDifferences.RandomVector(users * rank, seed + 4, 1.0), rank, 0.1),
        "test D", residual: residual);

    public static DenseFeatureMatrix Embeddings(int rows, int dimension, int seed) =>
        new(FiniteDifferences.RandomVector(rows * dimension, seed, 1.0), rows, dimension);
}
