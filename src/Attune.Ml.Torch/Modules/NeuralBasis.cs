using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Modules;

/// <summary>
/// The neural PReF basis phi_theta(e) = V e + U tanh(H e + b), batched: for embeddings E shape (n, D),
/// forward(E) = E V^T + tanh(E H^T + b) U^T, shape (n, K). Parameters theta = (V (K, D), H (h, D), b (h), U (K, h)),
/// the same layout as <see cref="Attune.Ml.Models.ResidualBasis"/> and <see cref="Attune.Ml.Models.PrefModel.V"/>.
/// </summary>
public sealed class NeuralBasis : nn.Module<Tensor, Tensor>
{
    private readonly Parameter v;
    private readonly Parameter h;
    private readonly Parameter b;
    private readonly Parameter u;

    /// <summary>Creates the parameters from row-major arrays, in the given dtype on the given device.</summary>
    public NeuralBasis(int rank, int dimension, int hidden, float[] vValues, float[] hValues, float[] bValues, float[] uValues, ScalarType dtype, Device device)
        : base(nameof(NeuralBasis))
    {
        Rank = rank;
        Dimension = dimension;
        Hidden = hidden;
        v = Create(vValues, [rank, dimension], dtype, device);
        h = Create(hValues, [hidden, dimension], dtype, device);
        b = Create(bValues, [hidden], dtype, device);
        u = Create(uValues, [rank, hidden], dtype, device);
        RegisterComponents();
    }

    /// <summary>K.</summary>
    public int Rank { get; }

    /// <summary>D.</summary>
    public int Dimension { get; }

    /// <summary>h.</summary>
    public int Hidden { get; }

    /// <summary>V, shape (K, D).</summary>
    public Parameter V => v;

    /// <summary>H, shape (h, D).</summary>
    public Parameter H => h;

    /// <summary>b, shape (h).</summary>
    public Parameter B => b;

    /// <summary>U, shape (K, h).</summary>
    public Parameter U => u;

    /// <summary>phi = E V^T + tanh(E H^T + b) U^T for E shape (n, D); returns shape (n, K).</summary>
    public override Tensor forward(Tensor embeddings) =>
        embeddings.matmul(v.t()) + tanh(embeddings.matmul(h.t()) + b).matmul(u.t());

    internal static Parameter Create(float[] values, long[] shape, ScalarType dtype, Device device)
    {
        using Tensor source = tensor(values, shape, ScalarType.Float32);
        return new Parameter(source.to(dtype, device), requires_grad: true);
    }
}
