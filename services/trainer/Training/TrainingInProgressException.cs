namespace Attune.Trainer.Training;

/// <summary>A job was asked for while another one runs (gRPC: ABORTED).</summary>
public sealed class TrainingInProgressException(string jobId)
    : InvalidOperationException($"Training job {jobId} is already running; watch it or try again when it ends.")
{
    /// <summary>The running job.</summary>
    public string JobId { get; } = jobId;
}
