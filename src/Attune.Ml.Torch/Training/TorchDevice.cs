using static TorchSharp.torch;

namespace Attune.Ml.Torch.Training;

/// <summary>Where the neural trainer runs: CUDA when TorchSharp sees a device (and the CUDA libtorch is deployed), else the CPU.</summary>
public static class TorchDevice
{
    /// <summary>
    /// CUDA when <paramref name="preference"/> allows it and cuda.is_available(); else the CPU, with torch's intra-op
    /// threads set to <paramref name="cpuThreads"/> (one on a small shared machine: more spin against each other).
    /// </summary>
    public static Device Select(TorchDevicePreference preference, int cpuThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpuThreads);
        if (preference != TorchDevicePreference.Cpu && cuda.is_available())
        {
            return CUDA;
        }

        if (preference == TorchDevicePreference.Cuda)
        {
            throw new InvalidOperationException(
                "CUDA was required but TorchSharp sees no CUDA device: build with -p:AttuneTorchDevice=cuda on a GPU node (see docs/trainer.md).");
        }

        set_num_threads(cpuThreads);
        return CPU;
    }
}
