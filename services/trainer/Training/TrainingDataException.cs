namespace Attune.Trainer.Training;

/// <summary>The loaded feedback cannot be trained on (too few usable comparisons or users, K too large).</summary>
public sealed class TrainingDataException(string message, Exception? inner = null) : Exception(message, inner);
