using Attune.Ml.Data;
using Attune.Ml.Torch.Modules;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Data;

/// <summary>
/// A <see cref="ComparisonSet"/> with <see cref="ComparisonSet.Responses"/> on a device: response embeddings E shape
/// (responses, D) (densified: the neural basis is meant for encoder embeddings, D in the hundreds), and per comparison
/// i the rows of its first and second response, its user, preference y_i and weight c_i, shape (n) each.
/// </summary>
public sealed class ComparisonTensors : IDisposable
{
    /// <summary>Copies the set to the device in the given floating dtype.</summary>
    /// <exception cref="ArgumentException">The set has no per-response embeddings.</exception>
    public ComparisonTensors(ComparisonSet data, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(data);
        ResponsePairs pairs = data.Responses ?? throw new ArgumentException(
            "The neural basis needs each pair's two response embeddings: build the set with ComparisonSet.FromResponses.", nameof(data));
        int n = data.Count, d = pairs.Dimension, rows = pairs.Embeddings.Rows;
        var e = new float[(long)rows * d];
        for (int r = 0; r < rows; r++)
        {
            pairs.Embeddings.AddScaledRow(r, 1f, e.AsSpan(r * d, d));
        }

        var first = new long[n];
        var second = new long[n];
        var users = new long[n];
        for (int i = 0; i < n; i++)
        {
            int p = data.Pairs[i];
            first[i] = pairs.First[p];
            second[i] = pairs.Second[p];
            users[i] = data.Users[i];
        }

        Count = n;
        using (Tensor host = tensor(e, [rows, d], ScalarType.Float32))
        {
            Embeddings = host.to(dtype, device);
        }

        First = tensor(first, device: device);
        Second = tensor(second, device: device);
        Users = tensor(users, device: device);
        using (Tensor y = tensor(data.Preferences.ToArray(), ScalarType.Float32))
        {
            Preferences = y.to(dtype, device);
        }

        using (Tensor c = tensor(data.Weights.ToArray(), ScalarType.Float32))
        {
            Weights = c.to(dtype, device);
        }
    }

    /// <summary>n, the number of comparisons.</summary>
    public int Count { get; }

    /// <summary>E, shape (responses, D).</summary>
    public Tensor Embeddings { get; }

    /// <summary>Row of E of each comparison's first response, int64, shape (n).</summary>
    public Tensor First { get; }

    /// <summary>Row of E of each comparison's second response, int64, shape (n).</summary>
    public Tensor Second { get; }

    /// <summary>User (row of W) per comparison, int64, shape (n).</summary>
    public Tensor Users { get; }

    /// <summary>y_i, shape (n).</summary>
    public Tensor Preferences { get; }

    /// <summary>c_i, shape (n).</summary>
    public Tensor Weights { get; }

    /// <summary>The margins of the comparisons at <paramref name="batch"/> (int64 indices), shape (|batch|).</summary>
    public Tensor Margins(NeuralPrefNetwork network, Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.forward(
            Embeddings.index_select(0, First.index_select(0, batch)),
            Embeddings.index_select(0, Second.index_select(0, batch)),
            Users.index_select(0, batch));
    }

    /// <summary>The margins of every comparison, shape (n).</summary>
    public Tensor Margins(NeuralPrefNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.forward(Embeddings.index_select(0, First), Embeddings.index_select(0, Second), Users);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Embeddings.Dispose();
        First.Dispose();
        Second.Dispose();
        Users.Dispose();
        Preferences.Dispose();
        Weights.Dispose();
    }
}
