using Attune.Ml.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Modules;

/// <summary>
/// The PReF margin over a neural basis: m_i = w_{u_i} . (phi(e_a,i) - phi(e_b,i)), P(first preferred) = sigmoid(m_i),
/// with user weights W shape (users, K) and phi a <see cref="NeuralBasis"/>. forward(first (n, D), second (n, D),
/// users (n) int64) returns the margins, shape (n).
/// </summary>
public sealed class NeuralPrefNetwork : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly NeuralBasis basis;
    private readonly Parameter w;

    /// <summary>Wraps a basis and creates W from row-major values, shape (users, K).</summary>
    public NeuralPrefNetwork(NeuralBasis basis, int users, float[] userWeights, ScalarType dtype, Device device)
        : base(nameof(NeuralPrefNetwork))
    {
        this.basis = basis ?? throw new ArgumentNullException(nameof(basis));
        w = NeuralBasis.Create(userWeights, [users, basis.Rank], dtype, device);
        UserCount = users;
        RegisterComponents();
    }

    /// <summary>The basis phi_theta.</summary>
    public NeuralBasis Basis => basis;

    /// <summary>W, shape (users, K).</summary>
    public Parameter W => w;

    /// <summary>Number of users (rows of W).</summary>
    public int UserCount { get; }

    /// <summary>
    /// The network at a linear PReF solution: V and W copied from <paramref name="linear"/>, U = 0 and b = 0 (so the
    /// margins are exactly the linear model's), H drawn N(0, hScale^2 / D) from torch's generator (seed it first).
    /// </summary>
    public static NeuralPrefNetwork FromLinear(PrefModel linear, int hidden, double hScale, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(linear);
        if (linear.Residual is not null)
        {
            throw new ArgumentException("The starting model must be linear (no residual MLP).", nameof(linear));
        }

        int d = linear.Dimension, k = linear.Rank;
        using Tensor draw = randn([hidden, d], ScalarType.Float32) * (float)(hScale / Math.Sqrt(d));
        float[] h = draw.data<float>().ToArray();
        var basis = new NeuralBasis(k, d, hidden, linear.V.ToArray(), h, new float[hidden], new float[k * hidden], dtype, device);
        return new NeuralPrefNetwork(basis, linear.UserIds.Count, linear.UserWeights.ToArray(), dtype, device);
    }

    /// <summary>m = sum_k W[users] * (phi(first) - phi(second)), shape (n).</summary>
    public override Tensor forward(Tensor first, Tensor second, Tensor users) =>
        (w.index_select(0, users) * (basis.forward(first) - basis.forward(second))).sum(1);
}
