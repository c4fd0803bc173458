namespace Attune.Text.Encoders;

/// <summary>Where ONNX Runtime runs the encoder.</summary>
public enum OnnxDevice
{
    /// <summary>The CPU execution provider (the default; the only one this repository's CI can test).</summary>
    Cpu,

    /// <summary>
    /// CUDA device 0 when the build carries ONNX Runtime's CUDA provider (<c>-p:AttuneOnnxGpu=true</c>) and a device is
    /// visible; otherwise the CPU, silently. <see cref="MiniLmTextEncoder.ExecutionProvider"/> says which one was taken.
    /// </summary>
    Auto,

    /// <summary>CUDA device 0, or an <see cref="InvalidOperationException"/> at construction when it cannot be had.</summary>
    Cuda,
}
