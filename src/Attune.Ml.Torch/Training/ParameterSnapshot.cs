using Attune.Ml.Torch.Modules;
using static TorchSharp.torch;

namespace Attune.Ml.Torch.Training;

/// <summary>A host copy (float32, row-major) of a network's parameters, for early stopping and the model file.</summary>
internal sealed class ParameterSnapshot
{
    private ParameterSnapshot(float[] v, float[] h, float[] b, float[] u, float[] w)
    {
        V = v;
        H = h;
        B = b;
        U = u;
        W = w;
    }

    public float[] V { get; }

    public float[] H { get; }

    public float[] B { get; }

    public float[] U { get; }

    public float[] W { get; }

    public static ParameterSnapshot Take(NeuralPrefNetwork network) => new(
        Copy(network.Basis.V), Copy(network.Basis.H), Copy(network.Basis.B), Copy(network.Basis.U), Copy(network.W));

    public void Restore(NeuralPrefNetwork network)
    {
        using var noGrad = no_grad();
        Load(network.Basis.V, V);
        Load(network.Basis.H, H);
        Load(network.Basis.B, B);
        Load(network.Basis.U, U);
        Load(network.W, W);
    }

    private static float[] Copy(Tensor parameter)
    {
        using Tensor host = parameter.detach().cpu().to(ScalarType.Float32);
        return host.data<float>().ToArray();
    }

    private static void Load(Tensor parameter, float[] values)
    {
        using Tensor source = tensor(values, parameter.shape, ScalarType.Float32);
        parameter.copy_(source);
    }
}
