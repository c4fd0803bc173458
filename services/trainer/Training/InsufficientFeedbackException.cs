namespace Attune.Trainer.Training;

/// <summary>Too little feedback to train (gRPC: FAILED_PRECONDITION); the message says how much is needed.</summary>
public sealed class InsufficientFeedbackException(string message) : InvalidOperationException(message);
