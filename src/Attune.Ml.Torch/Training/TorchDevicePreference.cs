namespace Attune.Ml.Torch.Training;

/// <summary>Which device the neural trainer may use.</summary>
public enum TorchDevicePreference
{
    /// <summary>CUDA when available, else the CPU.</summary>
    Auto,

    /// <summary>The CPU only (deterministic for a seed with one thread).</summary>
    Cpu,

    /// <summary>CUDA or fail.</summary>
    Cuda,
}
