using static TorchSharp.torch;

namespace Attune.Ml.Torch.Tests;

public sealed class TorchInitializationTests
{
    [Fact]
    public void Torch_onThisMachine_loadsAndMultiplies()
    {
        set_num_threads(1);
        using Tensor a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using Tensor product = a.matmul(a);

        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
        Assert.Equal(1, get_num_threads());
    }

    [Fact]
    public void CudaIsAvailable_withoutDevice_answersWithoutThrowing()
    {
        bool available = cuda.is_available();

        Assert.Equal(available, cuda.device_count() > 0);
    }
}
