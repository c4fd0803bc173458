namespace Attune.Evaluation.Datasets;

/// <summary>A known dataset that cannot be loaded here (its shared data file is missing); the message says where it looked.</summary>
public sealed class DatasetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
