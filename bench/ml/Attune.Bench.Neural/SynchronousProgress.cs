using Attune.Ml.Torch.Training;

namespace Attune.Bench.Neural;

/// <summary>Reports on the training thread (Progress&lt;T&gt; posts to the thread pool, which would skew the epoch clock).</summary>
internal sealed class SynchronousProgress(Action<NeuralTrainingProgress> report) : IProgress<NeuralTrainingProgress>
{
    public void Report(NeuralTrainingProgress value) => report(value);
}
